package org.bankcrm.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The loyalty rules, on plain state: no Quarkus, no database. */
class LoyaltyRulesTest {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final LoyaltyScoring.Rules RULES = new LoyaltyScoring.Rules(
            new BehaviouralLoyalty.Weights(20, 30, 15, 5, 10, 20, 10, 5, 3, 30, 3, 0.5, 10, 30, 0.5),
            new PerceivedLoyalty.Weights(25, 10, 15, 5, 8, 6, 3, 15, 3),
            new LoyaltyType.TypeThresholds(60, 60),
            ConfiguredChurnPrior.load(),
            new HalfLives(Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(30)));
    static final LoyaltyScoring SCORING = new LoyaltyScoring(RULES);

    final UUID clientId = UUID.randomUUID();

    ClientProfile client(LocalDate customerSince) {
        return ClientProfile.registered(new ClientFact.Registered(clientId, "INDIVIDUAL", "AGE_35_44", customerSince,
                NOW.minus(Duration.ofDays(1)), true));
    }

    void apply(ClientProfile p, ClientFact fact) {
        p.apply(fact, RULES.halfLives());
    }

    ClientFact.InteractionRecorded bankCausedComplaint(Instant at) {
        return new ClientFact.InteractionRecorded(clientId, at, "COMPLAINT", "CLIENT", "UNRESOLVED", "NEGATIVE", "BANK",
                1, 2, UUID.randomUUID(), false);
    }

    @Test
    void aJourneyClosedAsResolvedMovesNothingOnceItsTouchpointWasScored() {
        ClientProfile p = longStandingClientWithManyProducts();
        UUID journey = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofDays(2));
        assertThat(p.apply(new ClientFact.InteractionRecorded(clientId, opened, "COMPLAINT", "CLIENT", "UNRESOLVED", "NEGATIVE",
                "BANK", null, null, journey, false), RULES.halfLives())).as("a complaint moves the score").isTrue();
        assertThat(p.openComplaintsByJourney()).containsKey(journey.toString());
        assertThat(p.apply(new ClientFact.InteractionRecorded(clientId, NOW, "COMPLAINT", "CLIENT", "RESOLVED", "POSITIVE",
                "BANK", null, null, journey, false), RULES.halfLives())).isTrue();
        assertThat(p.openComplaintsByJourney()).as("the resolving touchpoint closed the complaint").isEmpty();
        LoyaltyAssessment before = SCORING.assess(p, NOW);

        boolean moved = p.apply(new ClientFact.JourneyClosed(clientId, journey, "RESOLVED", NOW), RULES.halfLives());

        assertThat(moved).as("nothing a score reads changed").isFalse();
        assertThat(SCORING.assess(p, NOW)).isEqualTo(before);
    }

    @Test
    void aJourneyClosedWithItsComplaintStillOpenOrAbandonedMovesTheScore() {
        ClientProfile p = longStandingClientWithManyProducts();
        UUID complaint = UUID.randomUUID();
        apply(p, new ClientFact.InteractionRecorded(clientId, NOW.minus(Duration.ofDays(2)), "COMPLAINT", "CLIENT",
                "UNRESOLVED", "NEGATIVE", "BANK", null, null, complaint, false));

        assertThat(p.apply(new ClientFact.JourneyClosed(clientId, complaint, "RESOLVED", NOW), RULES.halfLives()))
                .as("its complaint closes with it").isTrue();
        assertThat(p.openComplaintsByJourney()).isEmpty();
        assertThat(p.apply(new ClientFact.JourneyClosed(clientId, UUID.randomUUID(), "ABANDONED", NOW), RULES.halfLives()))
                .as("an abandoned journey is failure demand").isTrue();
        assertThat(p.failureDemandWeight).isGreaterThan(0);
    }

    ClientProfile longStandingClientWithManyProducts() {
        ClientProfile p = client(LocalDate.parse("2012-03-01"));
        apply(p, new ClientFact.ProductOpened(clientId, "INSURANCE", LocalDate.parse("2025-01-10"),
                List.of("CURRENT_ACCOUNT", "DEBIT_CARD", "CREDIT_CARD", "SAVINGS_ACCOUNT", "MORTGAGE", "INSURANCE")));
        apply(p, new ClientFact.FinancialsRecorded(clientId, YearMonth.parse("2026-09"), 8000, 42, null));
        apply(p, new ClientFact.FinancialsRecorded(clientId, YearMonth.parse("2026-10"), 8200, 45, null));
        return p;
    }

    @Test
    void aClientWithManyProductsAndARunOfBankCausedComplaintsIsSpurious() {
        ClientProfile p = longStandingClientWithManyProducts();
        assertThat(SCORING.assess(p, NOW).type()).isEqualTo(LoyaltyType.SPURIOUS); // uses a lot, nothing felt yet
        for (int day = 3; day >= 1; day--) {
            apply(p, bankCausedComplaint(NOW.minus(Duration.ofDays(day))));
        }
        LoyaltyAssessment a = SCORING.assess(p, NOW);
        assertThat(a.type()).isEqualTo(LoyaltyType.SPURIOUS);
        assertThat(a.behavioural()).isGreaterThanOrEqualTo(80);
        assertThat(a.perceived()).isLessThan(20);
        assertThat(a.factors()).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("openComplaints");
            assertThat(f.contribution()).isNegative();
            assertThat(f.text()).isEqualTo("3 unresolved complaints, all of them caused by the bank");
        });
        assertThat(a.basis()).isEqualTo(new ScoreBasis(3, 6, 2));
    }

    @Test
    void aNewClientWithAnNpsOfTenAndOneProductIsLatent() {
        ClientProfile p = client(NOW.atOffset(java.time.ZoneOffset.UTC).toLocalDate().minusDays(10));
        apply(p, new ClientFact.ProductOpened(clientId, "CURRENT_ACCOUNT", LocalDate.parse("2026-11-17"), List.of("CURRENT_ACCOUNT")));
        apply(p, new ClientFact.InteractionRecorded(clientId, NOW.minus(Duration.ofHours(2)), "SURVEY_RESPONSE", "CLIENT",
                "RESOLVED", "POSITIVE", null, null, 10, null, false));
        LoyaltyAssessment a = SCORING.assess(p, NOW);
        assertThat(a.type()).isEqualTo(LoyaltyType.LATENT);
        assertThat(a.perceived()).isGreaterThanOrEqualTo(60);
        assertThat(a.behavioural()).isLessThan(60);
        assertThat(a.factors()).anySatisfy(f -> assertThat(f.text()).startsWith("latest NPS 10 (promoter)"));
    }

    @Test
    void aComplaintWeighsHalfAsMuchAfterTheConfiguredExperienceHalfLife() {
        ClientProfile p = client(LocalDate.parse("2020-01-01"));
        apply(p, new ClientFact.InteractionRecorded(clientId, NOW, "COMPLAINT", "CLIENT", "RESOLVED", "NEUTRAL", "CLIENT",
                null, null, UUID.randomUUID(), false));
        double fresh = complaintsFactor(SCORING.assess(p, NOW));
        double later = complaintsFactor(SCORING.assess(p, NOW.plus(Duration.ofDays(90))));
        double muchLater = complaintsFactor(SCORING.assess(p, NOW.plus(Duration.ofDays(180))));
        assertThat(fresh).isEqualTo(-5.0);
        assertThat(later).isCloseTo(-2.5, within(0.05));
        assertThat(muchLater).isCloseTo(-1.25, within(0.1));
    }

    @Test
    void anOlderEventArrivingLateWeighsWhatItWouldHaveWeighedInOrder() {
        ClientProfile inOrder = client(LocalDate.parse("2020-01-01"));
        ClientProfile late = client(LocalDate.parse("2020-01-01"));
        var older = bankCausedComplaint(NOW.minus(Duration.ofDays(60)));
        var newer = bankCausedComplaint(NOW.minus(Duration.ofDays(5)));
        apply(inOrder, older);
        apply(inOrder, newer);
        apply(late, newer);
        apply(late, older);
        assertThat(LoyaltyFeatures.of(late, NOW, RULES.halfLives()).recentComplaints())
                .isCloseTo(LoyaltyFeatures.of(inOrder, NOW, RULES.halfLives()).recentComplaints(), within(1e-9));
    }

    @Test
    void aJourneyClosedResolvesTheComplaintOpenOnIt() {
        ClientProfile p = client(LocalDate.parse("2020-01-01"));
        var complaint = bankCausedComplaint(NOW.minus(Duration.ofDays(2)));
        apply(p, complaint);
        assertThat(LoyaltyFeatures.of(p, NOW, RULES.halfLives()).openComplaints()).isEqualTo(1);
        apply(p, new ClientFact.JourneyClosed(clientId, complaint.journeyId(), "RESOLVED", NOW.minus(Duration.ofDays(1))));
        assertThat(LoyaltyFeatures.of(p, NOW, RULES.halfLives()).openComplaints()).isZero();
    }

    @Test
    void closingProductsLowersBehaviouralLoyaltyAndRaisesChurnRisk() {
        ClientProfile p = longStandingClientWithManyProducts();
        LoyaltyAssessment before = SCORING.assess(p, NOW);
        apply(p, new ClientFact.ProductClosed(clientId, "MORTGAGE", LocalDate.parse("2026-11-20"),
                List.of("CURRENT_ACCOUNT", "DEBIT_CARD", "CREDIT_CARD", "SAVINGS_ACCOUNT", "INSURANCE")));
        apply(p, new ClientFact.ProductClosed(clientId, "SAVINGS_ACCOUNT", LocalDate.parse("2026-11-21"),
                List.of("CURRENT_ACCOUNT", "DEBIT_CARD", "CREDIT_CARD", "INSURANCE")));
        LoyaltyAssessment after = SCORING.assess(p, NOW);
        assertThat(after.behavioural()).isLessThan(before.behavioural() - 15);
        assertThat(after.churnRisk()).isGreaterThan(before.churnRisk());
        assertThat(after.factors()).anySatisfy(f -> assertThat(f.text()).startsWith("closed 2 products"));
        assertThat(after.churnFactors()).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("recent-closures");
            assertThat(f.contribution()).isPositive();
        });
    }

    @Test
    void fallingBalancesLowerBehaviouralLoyalty() {
        ClientProfile p = client(LocalDate.parse("2020-01-01"));
        for (int m = 1; m <= 12; m++) {
            apply(p, new ClientFact.FinancialsRecorded(clientId, YearMonth.of(2025, m), 10_000, 20, null));
        }
        LoyaltyAssessment steady;
        apply(p, new ClientFact.FinancialsRecorded(clientId, YearMonth.of(2026, 1), 10_000, 20, null));
        steady = SCORING.assess(p, NOW);
        apply(p, new ClientFact.FinancialsRecorded(clientId, YearMonth.of(2026, 2), 2_000, 20, null));
        apply(p, new ClientFact.FinancialsRecorded(clientId, YearMonth.of(2026, 3), 2_000, 20, null));
        LoyaltyAssessment falling = SCORING.assess(p, NOW);
        assertThat(falling.behavioural()).isLessThan(steady.behavioural());
        assertThat(falling.factors()).anySatisfy(f -> assertThat(f.text()).contains("-53%"));
        assertThat(p.financialMonths()).hasSize(ClientProfile.FINANCIAL_MONTHS);
    }

    @Test
    void churnRiskIsTheLogisticOfTheChurnFactorsAddedToTheIntercept() {
        ClientProfile p = longStandingClientWithManyProducts();
        LoyaltyAssessment a = SCORING.assess(p, NOW);
        double z = RULES.churn().linear(a.churnInputs());
        assertThat(a.churnRisk()).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-4));
        double sumOfFactors = a.churnFactors().stream().mapToDouble(ScoreFactor::contribution).sum();
        assertThat(RULES.churn().intercept() + sumOfFactors).as("the factors explain the log-odds")
                .isCloseTo(z, within(0.01 * ChurnFeature.values().length));
        assertThat(a.churnFactors()).allSatisfy(f -> assertThat(f.scale()).isEqualTo(ChurnRiskModel.CHURN_SCALE));
    }

    @Test
    void aCorrectedCustomerSinceMovesTheTenure() {
        ClientProfile p = client(LocalDate.parse("2026-01-01"));
        double before = LoyaltyFeatures.of(p, NOW, RULES.halfLives()).tenureYears();
        apply(p, new ClientFact.Updated(clientId, "INDIVIDUAL", "AGE_35_44", LocalDate.parse("2016-01-01")));
        assertThat(LoyaltyFeatures.of(p, NOW, RULES.halfLives()).tenureYears()).isGreaterThan(before + 9);
    }

    @Test
    void theTypeFollowsTheConfiguredThresholds() {
        var thresholds = new LoyaltyType.TypeThresholds(60, 70);
        assertThat(LoyaltyType.classify(60, 70, thresholds)).isEqualTo(LoyaltyType.TRUE);
        assertThat(LoyaltyType.classify(59.9, 70, thresholds)).isEqualTo(LoyaltyType.LATENT);
        assertThat(LoyaltyType.classify(60, 69.9, thresholds)).isEqualTo(LoyaltyType.SPURIOUS);
        assertThat(LoyaltyType.classify(10, 10, thresholds)).isEqualTo(LoyaltyType.NONE);
    }

    @Test
    void nothingKnownScoresNeutralFeeling() {
        LoyaltyAssessment a = SCORING.assess(client(LocalDate.parse("2026-11-01")), NOW);
        assertThat(a.perceived()).isEqualTo(50.0);
        assertThat(a.basis()).isEqualTo(new ScoreBasis(0, 0, 0));
    }

    private static double complaintsFactor(LoyaltyAssessment a) {
        return a.factors().stream().filter(f -> f.name().equals("complaints")).findFirst().orElseThrow().contribution();
    }
}
