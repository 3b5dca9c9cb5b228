package org.bankcrm.offer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.bankcrm.offer.domain.OfferCondition;
import org.junit.jupiter.api.Test;

class OfferConditionsStatedNeedTest {

    @Test
    void aStatedNeedConditionIsReadAndAnEmptyOneNamed() {
        OfferCondition condition = OfferConditions.parse("{\"all\": [{\"clientType\": \"INDIVIDUAL\"}, {\"statedNeed\": [\"SAVING_FOR_HOUSING\"]}]}");
        assertThat(condition).isEqualTo(new OfferCondition.All(java.util.List.of(new OfferCondition.ClientTypeIs("INDIVIDUAL"),
                new OfferCondition.StatedNeedIn(Set.of("SAVING_FOR_HOUSING")))));
        assertThatThrownBy(() -> OfferConditions.parse("{\"statedNeed\": []}"))
                .isInstanceOfSatisfying(OfferConditions.InvalidCondition.class,
                        e -> assertThat(e.path).isEqualTo("condition.statedNeed"));
    }
}
