package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bankcrm.offer.domain.Fixtures.context;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.bankcrm.offer.domain.policy.MeetsEligibilityConditions;
import org.bankcrm.offer.domain.policy.RequiresMarketingConsent;
import org.junit.jupiter.api.Test;

/** DELIGHT is not RETAIN, and without profiling consent no model is applied to the client. */
class StrategyLeverAndProfilingConsentTest {
    static final ScoringWeights WEIGHTS = NextBestActionTest.WEIGHTS;
    final NextBestAction pipeline = new NextBestAction(List.of(new MeetsEligibilityConditions(), new RequiresMarketingConsent()),
            WEIGHTS, 365, ChannelFeatures.NONE);

    static ClientSnapshot client(String strategy, Double churnRisk, String loyaltyType, Consents consents) {
        return new ClientSnapshot(UUID.fromString("6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10"), "INDIVIDUAL", "AGE_45_54", "HIGH",
                consents, Set.of("CURRENT_ACCOUNT", "DEBIT_CARD", "SAVINGS_ACCOUNT"), Set.of(), "PROFITABLE_LOW_POTENTIAL",
                strategy, loyaltyType, 80.0, 75.0, churnRisk, 0, null, null);
    }

    static OfferTerms offer(String code, OfferCategory category, OfferCondition condition, double value, double accepted,
            double declined) {
        return new OfferTerms(UUID.nameUUIDFromBytes(code.getBytes()), code, category, null, condition,
                EnumSet.allOf(Channel.class), value, LocalDate.parse("2026-01-01"), null, accepted, declined);
    }

    /** A model so sure of its weights that its samples are the prior's rate: rankings then follow the lever. */
    static NextBestAction.Candidate certain(OfferTerms offer) {
        return new NextBestAction.Candidate(offer, PropensityModel.fromPrior(ClientFeatures.SIZE, 1000, 9000, 1e8));
    }

    final OfferTerms personalBanker = offer("PERSONAL_BANKER", OfferCategory.SERVICE_LEVEL, OfferCondition.ANYONE, 150, 1, 9);
    final OfferTerms retentionCall = offer("RETENTION_CALL", OfferCategory.RETENTION, OfferCondition.ANYONE, 150, 1, 9);

    @Test
    void delightAndRetainRankDifferentActionsFirstForOtherwiseEqualClients() {
        var candidates = List.of(certain(retentionCall), certain(personalBanker));
        var delight = pipeline.decide(candidates, context(client("DELIGHT", 0.1, "TRUE", Fixtures.ALL_CONSENTS), Channel.BRANCH),
                2, false, new Random(7));
        var retain = pipeline.decide(candidates, context(client("RETAIN", 0.1, "TRUE", Fixtures.ALL_CONSENTS), Channel.BRANCH),
                2, false, new Random(7));

        assertThat(delight.actions()).extracting(RankedAction::code).containsExactly("PERSONAL_BANKER", "RETENTION_CALL");
        assertThat(delight.actions().get(0).category()).isEqualTo(OfferCategory.SERVICE_LEVEL);
        assertThat(delight.actions().get(0).reasons()).anyMatch(r -> r.contains("DELIGHT favours SERVICE_LEVEL"));
        assertThat(delight.actions().get(1).components().lever()).as("DELIGHT does not favour RETENTION").isEqualTo(1.0);

        assertThat(retain.actions()).extracting(RankedAction::code).containsExactly("RETENTION_CALL", "PERSONAL_BANKER");
        assertThat(retain.actions().get(0).reasons()).anyMatch(r -> r.contains("RETAIN favours RETENTION"));
        assertThat(retain.actions().get(1).components().lever()).as("RETAIN does not favour SERVICE_LEVEL").isEqualTo(1.0);
    }

    @Test
    void retainFavoursRetentionTheMoreTheHigherTheChurnRisk() {
        var sale = offer("PREMIUM_PACKAGE", OfferCategory.SALES, OfferCondition.ANYONE, 300, 1, 9);
        var candidates = List.of(certain(sale), certain(retentionCall));
        var calm = pipeline.decide(candidates, context(client("RETAIN", 0.1, null, Fixtures.ALL_CONSENTS), Channel.BRANCH), 2,
                false, new Random(3));
        var leaving = pipeline.decide(candidates, context(client("RETAIN", 0.6, null, Fixtures.ALL_CONSENTS), Channel.BRANCH), 2,
                false, new Random(3));

        RankedAction calmRetention = calm.actions().stream().filter(a -> a.code().equals("RETENTION_CALL")).findFirst().orElseThrow();
        RankedAction leavingRetention = leaving.actions().get(0);
        assertThat(calmRetention.components().lever()).isCloseTo(1.5 * 1.1, within(1e-9));
        assertThat(leavingRetention.code()).isEqualTo("RETENTION_CALL");
        assertThat(leavingRetention.components().lever()).isCloseTo(1.5 * 1.6, within(1e-9));
        assertThat(leavingRetention.reasons()).anyMatch(r -> r.contains("more as churn risk rises (× 1.60 at 60 %)"));
        assertThat(calm.actions().get(0).code()).as("a calm RETAIN client is still offered the better sale first")
                .isEqualTo("PREMIUM_PACKAGE");
    }

    @Test
    void withoutProfilingConsentThePropensityIsTheOffersPriorRateAndNoScoreOrFeatureIsUsed() {
        Consents noProfiling = new Consents(true, true, true, true, false);
        var churnOnly = offer("CHURN_CALL", OfferCategory.RETENTION, new OfferCondition.ChurnRiskBetween(0.3, null), 150, 1, 9);
        var loyaltyOnly = offer("SPURIOUS_BONUS", OfferCategory.RETENTION, new OfferCondition.LoyaltyTypeIn(Set.of("SPURIOUS")),
                150, 1, 9);
        var sale = offer("TERM_DEPOSIT", OfferCategory.SALES, OfferCondition.ANYONE, 90, 3, 97);
        // a model that learnt this offer sells well: it must not be applied to this client
        var learnt = new NextBestAction.Candidate(sale, PropensityModel.fromPrior(ClientFeatures.SIZE, 90, 10, 4.0));
        var candidates = List.of(new NextBestAction.Candidate(churnOnly, PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0)),
                new NextBestAction.Candidate(loyaltyOnly, PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0)),
                learnt, certain(retentionCall));
        ClientSnapshot client = client("RETAIN", 0.6, "SPURIOUS", noProfiling);

        var first = pipeline.decide(candidates, context(client, Channel.CALL_CENTER), 4, false, new Random(1));
        var second = pipeline.decide(candidates, context(client, Channel.CALL_CENTER), 4, false, new Random(99));

        assertThat(first.actions()).extracting(RankedAction::code).containsExactly("RETENTION_CALL", "TERM_DEPOSIT");
        assertThat(first.policyResults().get(churnOnly.id()).get(0).allowed()).as("no churn risk without profiling").isFalse();
        assertThat(first.policyResults().get(loyaltyOnly.id()).get(0).allowed()).as("no loyalty type without profiling").isFalse();
        RankedAction deposit = first.actions().get(1);
        assertThat(deposit.components().propensity()).isEqualTo(0.03);
        assertThat(deposit.components().propensityBasis()).isEqualTo(ScoreComponents.PropensityBasis.OFFER_PRIOR);
        assertThat(deposit.reasons().get(0)).contains("prior acceptance rate", "no profiling consent");
        RankedAction retention = first.actions().get(0);
        assertThat(retention.components().lever()).as("the strategy, not the churn risk").isEqualTo(1.5);
        assertThat(retention.components().context()).as("assisted channel only, no churn weight").isEqualTo(1.2);
        assertThat(first.features()).as("no feature vector, so no answer teaches a model").isEmpty();
        assertThat(second.actions()).extracting(a -> a.components().propensity())
                .as("no sample: the same propensities whatever the random draw")
                .containsExactlyElementsOf(first.actions().stream().map(a -> a.components().propensity()).toList());
    }

    @Test
    void withProfilingConsentTheModelIsAppliedAndSaysSo() {
        var sale = offer("TERM_DEPOSIT", OfferCategory.SALES, OfferCondition.ANYONE, 90, 3, 97);
        var outcome = pipeline.decide(List.of(certain(sale)),
                context(client("RETAIN", 0.6, "SPURIOUS", Fixtures.ALL_CONSENTS), Channel.CALL_CENTER), 1, false, new Random(1));
        RankedAction action = outcome.actions().get(0);
        assertThat(action.components().propensityBasis()).isEqualTo(ScoreComponents.PropensityBasis.MODEL);
        assertThat(action.components().propensity()).isCloseTo(0.1, within(0.01));
        assertThat(outcome.features()).containsKey(sale.id());
        assertThat(action.reasons()).noneMatch(r -> r.contains("no profiling consent"));
    }

    @Test
    void theGateStripsTheModelScoresAndKeepsTheRest() {
        ClientSnapshot stripped = client("DELIGHT", 0.4, "TRUE", Fixtures.ALL_CONSENTS).withoutModelScores();
        assertThat(stripped.churnRisk()).isNull();
        assertThat(stripped.loyaltyType()).isNull();
        assertThat(stripped.behavioural()).isNull();
        assertThat(stripped.perceived()).isNull();
        assertThat(stripped.strategy()).isEqualTo("DELIGHT");
        assertThat(stripped.heldProducts()).contains("SAVINGS_ACCOUNT");
        assertThat(NextBestAction.allowsModels(ClientSnapshot.unknown(UUID.randomUUID()))).isFalse();
    }

    @Test
    void aStatedNeedConditionMatchesAClientWhoStatedOneOfTheNeeds() {
        var housing = new OfferCondition.StatedNeedIn(Set.of("SAVING_FOR_HOUSING"));
        ClientSnapshot c = client("DEVELOP", null, null, Fixtures.ALL_CONSENTS);
        ClientSnapshot saver = new ClientSnapshot(c.clientId(), c.clientType(), c.ageBand(), c.incomeBracket(), c.consents(),
                c.heldProducts(), c.segments(), c.quadrant(), c.strategy(), c.loyaltyType(), c.behavioural(), c.perceived(),
                c.churnRisk(), c.openComplaints(), c.lastNegativeBankCausedAt(), c.latestExperience(),
                Set.of("CAR", "SAVING_FOR_HOUSING"));
        assertThat(housing.matches(saver)).isTrue();
        assertThat(housing.matches(c)).isFalse();
    }

    @Test
    void anOlderStatementOfNeedsNeverOverwritesANewerOneInTheReadModel() {
        ClientProfile profile = ClientProfile.unknown(UUID.randomUUID());
        profile.stateNeeds(List.of("SAVING_FOR_HOUSING", "CAR"), Fixtures.NOW);
        profile.stateNeeds(List.of("TRAVEL"), Fixtures.NOW.minus(Duration.ofDays(3)));
        assertThat(profile.statedNeedSet()).containsExactly("CAR", "SAVING_FOR_HOUSING");
        profile.stateNeeds(List.of(), Fixtures.NOW.plus(Duration.ofDays(1)));
        assertThat(profile.snapshot().statedNeeds()).isEmpty();
        assertThat(profile.needsStatedAt).isEqualTo(Fixtures.NOW.plus(Duration.ofDays(1)));
    }
}
