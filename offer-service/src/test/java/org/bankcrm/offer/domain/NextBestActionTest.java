package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.NOW;
import static org.bankcrm.offer.domain.Fixtures.client;
import static org.bankcrm.offer.domain.Fixtures.context;
import static org.bankcrm.offer.domain.Fixtures.offer;
import static org.bankcrm.offer.domain.Fixtures.withComplaints;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.bankcrm.offer.domain.policy.NoSalesDuringOpenComplaint;
import org.bankcrm.offer.domain.policy.RequiresMarketingConsent;
import org.bankcrm.offer.domain.policy.ServiceRecoveryNeedsABadExperience;
import org.bankcrm.offer.domain.policy.WeeklySalesCap;
import org.junit.jupiter.api.Test;

class NextBestActionTest {
    static final ScoringWeights WEIGHTS = new ScoringWeights(200, 0.1, 1.2, 5.0, 1.2, 1.5, 0.3, 1.5, 1.5, Duration.ofDays(14),
            1.5);
    final NextBestAction pipeline = new NextBestAction(List.of(new RequiresMarketingConsent(),
            new ServiceRecoveryNeedsABadExperience(Duration.ofDays(14)), new NoSalesDuringOpenComplaint(Duration.ofDays(14))),
            WEIGHTS, 365, ChannelFeatures.NONE);
    final List<NextBestAction.Candidate> candidates = List.of(
            candidate(offer("MORTGAGE", OfferCategory.SALES, "MORTGAGE", OfferCondition.ANYONE, 1800)),
            candidate(offer("FEE_WAIVER", OfferCategory.TARIFF, null)),
            candidate(offer("APOLOGY_CALL", OfferCategory.SERVICE_RECOVERY, null, OfferCondition.ANYONE, -10)));

    static NextBestAction.Candidate candidate(OfferTerms offer) {
        // the service's default weight precision: with channel, month and weekday on, a weaker prior samples wildly
        return new NextBestAction.Candidate(offer, PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0));
    }

    @Test
    void scoreIsPropensityTimesValueTimesContextTimesLeverWithTheReasons() {
        var outcome = pipeline.decide(candidates, context(client(), Channel.BRANCH), 3, false, new Random(1));
        assertThat(outcome.actions()).extracting(RankedAction::code).containsExactly("MORTGAGE", "FEE_WAIVER");
        RankedAction top = outcome.actions().get(0);
        ScoreComponents c = top.components();
        assertThat(top.score()).isEqualTo(c.propensity() * c.value() * c.context() * c.lever());
        assertThat(c.value()).isEqualTo(9.0);
        assertThat(c.context()).isEqualTo(1.2);
        assertThat(c.lever()).as("DEVELOP favours SALES").isEqualTo(1.5);
        assertThat(top.reasons()).anyMatch(r -> r.contains("DEVELOP favours SALES"));
        assertThat(outcome.policyResults()).hasSize(3);
    }

    @Test
    void afterANegativeBankCausedExperienceServiceRecoveryComesFirstAndNoSales() {
        var failed = withComplaints(client(), 1, NOW.minus(Duration.ofHours(1)));
        var outcome = pipeline.decide(candidates, context(failed, Channel.CALL_CENTER), 3, false, new Random(1));
        assertThat(outcome.actions()).extracting(RankedAction::code).containsExactly("APOLOGY_CALL", "FEE_WAIVER");
        assertThat(outcome.actions().get(0).rank()).isEqualTo(1);
    }

    @Test
    void theReasonTheClientGaveAtTheChannelWeighsTheCategoryThatAnswersIt() {
        var plain = pipeline.decide(candidates, context(client(), Channel.BRANCH), 3, false, new Random(1));
        DecisionContext priceQuestion = new DecisionContext(client(), Channel.BRANCH, "REQUEST", NOW, ContactHistory.NONE,
                ContactReason.PRICE_QUESTION);
        var asked = pipeline.decide(candidates, priceQuestion, 3, false, new Random(1));
        RankedAction tariff = asked.actions().stream().filter(a -> a.code().equals("FEE_WAIVER")).findFirst().orElseThrow();
        RankedAction before = plain.actions().stream().filter(a -> a.code().equals("FEE_WAIVER")).findFirst().orElseThrow();
        assertThat(tariff.components().context()).isEqualTo(before.components().context() * 1.5);
        assertThat(tariff.reasons()).anyMatch(r -> r.contains("PRICE_QUESTION, which TARIFF answers"));
        RankedAction sale = asked.actions().stream().filter(a -> a.code().equals("MORTGAGE")).findFirst().orElseThrow();
        assertThat(sale.components().context()).as("sales do not answer a price question").isEqualTo(1.2);
        assertThat(ContactReason.PRODUCT_INQUIRY.answeredBy()).isEqualTo(OfferCategory.SALES);
        assertThat(ContactReason.CANCELLATION.answeredBy()).isEqualTo(OfferCategory.RETENTION);
    }

    @Test
    void oneDecisionPresentsNoMoreSalesThanTheWeeksCapLeaves() {
        var capped = new NextBestAction(List.of(new RequiresMarketingConsent(), new WeeklySalesCap(3)), WEIGHTS, 365,
                ChannelFeatures.NONE);
        var sales = List.of(candidate(offer("MORTGAGE", OfferCategory.SALES, "MORTGAGE")),
                candidate(offer("CREDIT_CARD", OfferCategory.SALES, "CREDIT_CARD")),
                candidate(offer("SAVINGS", OfferCategory.SALES, "SAVINGS_ACCOUNT")),
                candidate(offer("FEE_WAIVER", OfferCategory.TARIFF, null)));
        // two sales presented this week, cap 3: one more sales action at most, however large the limit
        var outcome = capped.decide(sales, context(client(), Channel.MOBILE_APP, new ContactHistory(Map.of(), 2)), 10, false,
                new Random(1));
        assertThat(outcome.actions()).filteredOn(a -> a.category() == OfferCategory.SALES).hasSize(1);
        assertThat(outcome.actions()).extracting(RankedAction::code).contains("FEE_WAIVER");
        assertThat(outcome.policyResults().values()).filteredOn(checks -> !checks.get(checks.size() - 1).allowed())
                .hasSize(2).allSatisfy(checks -> assertThat(checks.get(checks.size() - 1).reason())
                        .contains("ranked above in this decision, at most 3"));
        var none = capped.decide(sales, context(client(), Channel.MOBILE_APP, new ContactHistory(Map.of(), 0)), 10, false,
                new Random(1));
        assertThat(none.actions()).filteredOn(a -> a.category() == OfferCategory.SALES).hasSize(3);
    }

    @Test
    void theLimitCutsTheRanking() {
        assertThat(pipeline.decide(candidates, context(client(), Channel.BRANCH), 1, false, new Random(1)).actions()).hasSize(1);
    }

    @Test
    void aControlGroupDecisionRanksTheEligibleActionsAtRandomAndSaysSo() {
        var outcome = pipeline.decide(candidates, context(client(), Channel.BRANCH), 3, true, new Random(3));
        assertThat(outcome.actions()).extracting(RankedAction::code).containsExactlyInAnyOrder("MORTGAGE", "FEE_WAIVER");
        assertThat(outcome.actions().get(0).reasons().get(0)).contains("control group");
    }

    @Test
    void theControlGroupIsStablePerClientAndMonthAndHasTheConfiguredShare() {
        YearMonth month = YearMonth.of(2026, 11);
        int in = 0;
        for (int i = 0; i < 20000; i++) {
            UUID client = UUID.randomUUID();
            boolean member = NextBestAction.inControlGroup(client, month, 0.05);
            assertThat(NextBestAction.inControlGroup(client, month, 0.05)).isEqualTo(member);
            in += member ? 1 : 0;
        }
        assertThat(in / 20000.0).isBetween(0.04, 0.06);
    }

    @Test
    void upliftOverControlHasAConfidenceInterval() {
        UpliftEstimate uplift = UpliftEstimate.of(1000, 150, 100, 8, 1.96);
        assertThat(uplift.uplift()).isCloseTo(0.07, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(uplift.lower()).isLessThan(0.07);
        assertThat(uplift.upper()).isGreaterThan(0.07);
        assertThat(UpliftEstimate.of(10, 1, 0, 0, 1.96).uplift()).isNull();
    }
}
