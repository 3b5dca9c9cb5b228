package org.bankcrm.client.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SegmentConditionTest {

    static SegmentFacts individual(int age, IncomeBracket income, Set<ProductType> held, String balance, Channel channel) {
        return new SegmentFacts(ClientType.INDIVIDUAL, age, income, held, balance == null ? null : new BigDecimal(balance), channel,
                null);
    }

    final SegmentCondition youngStarters = new SegmentCondition.All(List.of(
            new SegmentCondition.ClientTypeIs(ClientType.INDIVIDUAL),
            new SegmentCondition.AgeBetween(22, 30),
            new SegmentCondition.IncomeBracketIn(Set.of(IncomeBracket.MIDDLE, IncomeBracket.UPPER_MIDDLE, IncomeBracket.HIGH)),
            new SegmentCondition.Not(new SegmentCondition.Holds(Set.of(ProductType.MORTGAGE)))));

    @Test
    void aTwentyFiveYearOldEarnerWithoutAMortgageIsAYoungStarterAndWithOneIsNot() {
        assertThat(youngStarters.matches(individual(25, IncomeBracket.MIDDLE, Set.of(ProductType.CURRENT_ACCOUNT), null, null))).isTrue();
        assertThat(youngStarters.matches(individual(25, IncomeBracket.MIDDLE, Set.of(ProductType.MORTGAGE), null, null))).isFalse();
        assertThat(youngStarters.matches(individual(31, IncomeBracket.MIDDLE, Set.of(), null, null))).isFalse();
        assertThat(youngStarters.matches(individual(25, IncomeBracket.LOW, Set.of(), null, null))).isFalse();
    }

    @Test
    void ageBoundsAreInclusiveAndMayBeOpen() {
        var retirees = new SegmentCondition.AgeBetween(65, null);
        assertThat(retirees.matches(individual(65, null, Set.of(), null, null))).isTrue();
        assertThat(retirees.matches(individual(64, null, Set.of(), null, null))).isFalse();
    }

    @Test
    void aBusinessHasNoAgeSoNoAgeConditionMatchesIt() {
        var business = new SegmentFacts(ClientType.BUSINESS, null, null, Set.of(), null, null, null);
        assertThat(new SegmentCondition.AgeBetween(null, null).matches(business)).isFalse();
        assertThat(new SegmentCondition.ClientTypeIs(ClientType.BUSINESS).matches(business)).isTrue();
        assertThat(new SegmentCondition.LifeStageIn(Set.of(LifeStage.BUSINESS)).matches(business)).isTrue();
    }

    @Test
    void aClientWithoutFiguresHasNoBalanceAndIsNeverAnAffluentSaver() {
        var affluent = new SegmentCondition.All(List.of(
                new SegmentCondition.IncomeBracketIn(Set.of(IncomeBracket.HIGH)),
                new SegmentCondition.BalanceBetween(new BigDecimal("50000"), null)));
        assertThat(affluent.matches(individual(50, IncomeBracket.HIGH, Set.of(), "50000", null))).isTrue();
        assertThat(affluent.matches(individual(50, IncomeBracket.HIGH, Set.of(), "49999.99", null))).isFalse();
        assertThat(affluent.matches(individual(50, IncomeBracket.HIGH, Set.of(), null, null))).isFalse();
    }

    @Test
    void holdingAnyOfTheProductsIsEnoughForHoldsAnyButHoldsWantsThemAll() {
        var held = Set.of(ProductType.CONSUMER_LOAN);
        assertThat(new SegmentCondition.HoldsAny(Set.of(ProductType.MORTGAGE, ProductType.CONSUMER_LOAN))
                .matches(individual(30, null, held, null, null))).isTrue();
        assertThat(new SegmentCondition.Holds(Set.of(ProductType.MORTGAGE, ProductType.CONSUMER_LOAN))
                .matches(individual(30, null, held, null, null))).isFalse();
    }

    @Test
    void digitalFirstClientsPreferTheAppTheInternetBankOrChat() {
        var digital = new SegmentCondition.PreferredChannelIn(Set.of(Channel.MOBILE_APP, Channel.INTERNET_BANK, Channel.CHAT));
        assertThat(digital.matches(individual(40, null, Set.of(), null, Channel.MOBILE_APP))).isTrue();
        assertThat(digital.matches(individual(40, null, Set.of(), null, Channel.BRANCH))).isFalse();
        assertThat(digital.matches(individual(40, null, Set.of(), null, null))).isFalse();
    }

    @Test
    void anyMatchesWhenOneDoesAndAnEmptyAnyMatchesNoOne() {
        var facts = individual(40, null, Set.of(), null, null);
        assertThat(new SegmentCondition.Any(List.of(new SegmentCondition.AgeBetween(60, null),
                new SegmentCondition.AgeBetween(null, 45))).matches(facts)).isTrue();
        assertThat(new SegmentCondition.Any(List.of()).matches(facts)).isFalse();
        assertThat(new SegmentCondition.All(List.of()).matches(facts)).isTrue();
    }

    @Test
    void aMembershipChangeNamesTheSegmentsJoinedAndLeftAndLeavesSegmentsNotEvaluatedAsTheyWere() {
        var facts = individual(70, IncomeBracket.LOW, Set.of(), null, Channel.MOBILE_APP);
        var rules = List.of(
                new SegmentMembership.Rule("RETIREES", new SegmentCondition.AgeBetween(65, null)),
                new SegmentMembership.Rule("PRE_RETIREMENT", new SegmentCondition.AgeBetween(55, 64)));
        var change = SegmentMembership.change(Set.of("PRE_RETIREMENT", "DIGITAL_FIRST"), facts, rules);
        assertThat(change.segments()).containsExactly("DIGITAL_FIRST", "RETIREES");
        assertThat(change.joined()).containsExactly("RETIREES");
        assertThat(change.left()).containsExactly("PRE_RETIREMENT");
        assertThat(SegmentMembership.change(Set.of("RETIREES"), facts, rules).isEmpty()).isTrue();
    }

    @Test
    void profileConditionsMatchOnlyWhatIsKnownOfTheClient() {
        var family = new SegmentFacts(ClientType.INDIVIDUAL, 38, null, Set.of(), null, null,
                new ClientProfile(Occupation.PUBLIC_SERVANT, MaritalStatus.MARRIED, Education.TERTIARY, 4, 2));
        var unknown = new SegmentFacts(ClientType.INDIVIDUAL, 38, null, Set.of(), null, null, null);
        var conditions = List.<SegmentCondition>of(new SegmentCondition.OccupationIn(Set.of(Occupation.PUBLIC_SERVANT)),
                new SegmentCondition.MaritalStatusIn(Set.of(MaritalStatus.MARRIED, MaritalStatus.WIDOWED)),
                new SegmentCondition.EducationIn(Set.of(Education.TERTIARY)),
                new SegmentCondition.HouseholdSizeBetween(3, null), new SegmentCondition.DependantsBetween(1, 3));
        for (SegmentCondition condition : conditions) {
            assertThat(condition.matches(family)).as("%s", condition).isTrue();
            assertThat(condition.matches(unknown)).as("%s", condition).isFalse();
        }
        assertThat(new SegmentCondition.DependantsBetween(null, 1).matches(family)).isFalse();
    }

    @Test
    void aStatedNeedConditionMatchesAClientWhoStatedAnyOfItsNeedsAndNoOneWhoStatedNone() {
        var housing = new SegmentCondition.StatedNeedIn(Set.of(StatedNeed.SAVING_FOR_HOUSING, StatedNeed.HOME_IMPROVEMENT));
        var base = individual(30, IncomeBracket.MIDDLE, Set.of(), null, null);
        var saver = new SegmentFacts(base.type(), base.age(), base.incomeBracket(), base.heldProducts(), base.balance(),
                base.preferredChannel(), base.profile(), Set.of(StatedNeed.CAR, StatedNeed.SAVING_FOR_HOUSING));
        var traveller = new SegmentFacts(base.type(), base.age(), base.incomeBracket(), base.heldProducts(), base.balance(),
                base.preferredChannel(), base.profile(), Set.of(StatedNeed.TRAVEL));
        assertThat(housing.matches(saver)).isTrue();
        assertThat(housing.matches(traveller)).isFalse();
        assertThat(housing.matches(base)).isFalse();
        assertThat(new SegmentCondition.Not(housing).matches(base)).isTrue();
    }
}
