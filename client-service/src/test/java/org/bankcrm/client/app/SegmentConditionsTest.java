package org.bankcrm.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Set;

import org.bankcrm.client.domain.Channel;
import org.bankcrm.client.domain.ClientProfile;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.Education;
import org.bankcrm.client.domain.IncomeBracket;
import org.bankcrm.client.domain.MaritalStatus;
import org.bankcrm.client.domain.Occupation;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.SegmentFacts;
import org.bankcrm.client.domain.StatedNeed;
import org.junit.jupiter.api.Test;

class SegmentConditionsTest {

    @Test
    void theJsonFormCombinesConditionsWithAllAnyAndNot() {
        var condition = SegmentConditions.parse("""
                {"all": [{"clientType": "INDIVIDUAL"}, {"age": {"min": 25, "max": 45}},
                         {"incomeBracket": ["MIDDLE", "HIGH"]}, {"not": {"holds": ["MORTGAGE"]}},
                         {"any": [{"balance": {"min": 10000}}, {"preferredChannel": ["MOBILE_APP"]}]}]}
                """);
        var seeker = new SegmentFacts(ClientType.INDIVIDUAL, 30, IncomeBracket.MIDDLE, Set.of(ProductType.CURRENT_ACCOUNT),
                new BigDecimal("12000"), Channel.BRANCH, null);
        var owner = new SegmentFacts(ClientType.INDIVIDUAL, 30, IncomeBracket.MIDDLE, Set.of(ProductType.MORTGAGE),
                new BigDecimal("12000"), Channel.BRANCH, null);
        assertThat(condition.matches(seeker)).isTrue();
        assertThat(condition.matches(owner)).isFalse();
    }

    @Test
    void anInvalidConditionNamesItsPath() {
        assertThatThrownBy(() -> SegmentConditions.parse("{\"all\": [{\"clientType\": \"INDIVIDUAL\"}, {\"age\": {\"min\": \"old\"}}]}"))
                .isInstanceOfSatisfying(SegmentConditions.InvalidCondition.class,
                        e -> assertThat(e.path).isEqualTo("condition.all[1].age.min"));
        assertThatThrownBy(() -> SegmentConditions.parse("{\"holds\": [\"YACHT\"]}"))
                .isInstanceOfSatisfying(SegmentConditions.InvalidCondition.class,
                        e -> assertThat(e.path).isEqualTo("condition.holds[0]"));
        assertThatThrownBy(() -> SegmentConditions.parse("{\"shoeSize\": 42}"))
                .isInstanceOfSatisfying(SegmentConditions.InvalidCondition.class,
                        e -> assertThat(e.path).isEqualTo("condition.shoeSize"));
        assertThatThrownBy(() -> SegmentConditions.parse("{\"age\": {\"min\": 50, \"max\": 40}}"))
                .isInstanceOf(SegmentConditions.InvalidCondition.class);
        assertThatThrownBy(() -> SegmentConditions.parse("{\"age\": {\"min\": 1}, \"clientType\": \"BUSINESS\"}"))
                .isInstanceOf(SegmentConditions.InvalidCondition.class);
    }

    @Test
    void profileConditionsAreReadAndBadOnesNamed() {
        var condition = SegmentConditions.parse("""
                {"all": [{"occupation": ["STUDENT"]}, {"maritalStatus": ["SINGLE"]}, {"education": ["SECONDARY", "TERTIARY"]},
                         {"householdSize": {"max": 2}}, {"dependants": {"max": 0}}]}
                """);
        var student = new SegmentFacts(ClientType.INDIVIDUAL, 20, null, Set.of(), null, null,
                new ClientProfile(Occupation.STUDENT, MaritalStatus.SINGLE, Education.SECONDARY, 1, 0));
        assertThat(condition.matches(student)).isTrue();
        assertThatThrownBy(() -> SegmentConditions.parse("{\"occupation\": [\"ASTRONAUT\"]}"))
                .isInstanceOf(SegmentConditions.InvalidCondition.class)
                .hasFieldOrPropertyWithValue("path", "condition.occupation[0]");
        assertThatThrownBy(() -> SegmentConditions.parse("{\"dependants\": {\"min\": 1.5}}"))
                .isInstanceOf(SegmentConditions.InvalidCondition.class)
                .hasFieldOrPropertyWithValue("path", "condition.dependants.min");
    }

    @Test
    void aStatedNeedConditionIsReadAndAnUnknownNeedNamed() {
        var condition = SegmentConditions.parse("{\"statedNeed\": [\"SAVING_FOR_HOUSING\", \"CHILDREN_EDUCATION\"]}");
        var parent = new SegmentFacts(ClientType.INDIVIDUAL, 38, null, Set.of(), null, null, null,
                Set.of(StatedNeed.CHILDREN_EDUCATION));
        assertThat(condition.matches(parent)).isTrue();
        assertThat(condition.matches(new SegmentFacts(ClientType.INDIVIDUAL, 38, null, Set.of(), null, null, null))).isFalse();
        assertThatThrownBy(() -> SegmentConditions.parse("{\"all\": [{\"statedNeed\": [\"TRAVEL\", \"YACHT\"]}]}"))
                .isInstanceOfSatisfying(SegmentConditions.InvalidCondition.class,
                        e -> assertThat(e.path).isEqualTo("condition.all[0].statedNeed[1]"));
    }
}
