package org.bankcrm.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Each churn feature, computed alone on plain state. */
class ChurnFeaturesTest {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final HalfLives HALF_LIVES = new HalfLives(Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(30));

    final UUID clientId = UUID.randomUUID();

    static List<double[]> months(double... transactions) {
        List<double[]> months = new ArrayList<>();
        for (double t : transactions) {
            months.add(new double[] { 1000, t, Double.NaN });
        }
        return months;
    }

    @Test
    void activityIsTheAverageNumberOfTransactionsPerMonth() {
        assertThat(ChurnFeatures.monthlyTransactions(months(10, 20, 30))).isEqualTo(20.0);
        assertThat(ChurnFeatures.monthlyTransactions(List.of())).isNull();
    }

    @Test
    void spendingAveragesOnlyTheMonthsWhoseAmountIsKnown() {
        List<double[]> months = List.of(new double[] { 0, 5, 300 }, new double[] { 0, 5, Double.NaN },
                new double[] { 0, 5, 100 });
        assertThat(ChurnFeatures.monthlyAmount(months)).isEqualTo(200.0);
        assertThat(ChurnFeatures.monthlyAmount(months(1, 2))).isNull();
    }

    @Test
    void theQuarterTrendComparesTheLastQuarterWithTheFirstOfTheWindow() {
        List<double[]> falling = months(20, 20, 20, 20, 20, 20, 20, 20, 20, 4, 4, 4);
        assertThat(ChurnFeatures.quarterTrend(falling)).isCloseTo(Math.log(5.0 / 21), within(1e-12));
        assertThat(ChurnFeatures.quarterTrend(months(20, 20, 20, 20, 20))).as("under two quarters").isNull();
    }

    @Test
    void theRecentTrendComparesTheLastThreeMonthsWithTheWholeWindow() {
        List<double[]> months = months(12, 12, 12, 0, 0, 0);
        assertThat(ChurnFeatures.recentTrend(months)).isCloseTo(Math.log(1.0 / 7), within(1e-12));
        assertThat(ChurnFeatures.recentTrend(months(5, 5, 5))).isNull();
    }

    @Test
    void inactiveMonthsCountsOnlyTheNewestMonthsInARowWithoutTransactions() {
        assertThat(ChurnFeatures.inactiveMonths(months(0, 5, 0, 0))).isEqualTo(2);
        assertThat(ChurnFeatures.inactiveMonths(months(0, 0, 5))).isZero();
    }

    @Test
    void contactsAndComplaintsCountOnlyTheLastTwelveMonths() {
        TreeMap<YearMonth, int[]> months = new TreeMap<>();
        months.put(YearMonth.of(2025, 11), new int[] { 4, 2 });
        months.put(YearMonth.of(2025, 12), new int[] { 1, 0 });
        months.put(YearMonth.of(2026, 11), new int[] { 2, 1 });
        assertThat(ChurnFeatures.inLast12Months(months, YearMonth.of(2026, 11), 0)).isEqualTo(3);
        assertThat(ChurnFeatures.inLast12Months(months, YearMonth.of(2026, 11), 1)).isEqualTo(1);
    }

    @Test
    void theAgeBandBecomesItsMiddleAndAnUnknownBandIsNotAFeature() {
        assertThat(ChurnFeatures.ageInYears("AGE_45_54")).isEqualTo(50.0);
        assertThat(ChurnFeatures.ageInYears("UNKNOWN")).isNull();
    }

    @Test
    void theProfileKeepsTheAmountMovedAndReadsMonthsRecordedWithoutIt() {
        ClientProfile p = registered("2020-01-01");
        p.financials = "2026-09=500.0=3";
        p.apply(new ClientFact.FinancialsRecorded(clientId, YearMonth.of(2026, 10), 600, 4, 250.5), HALF_LIVES);
        var months = p.financialMonths();
        assertThat(months.get(YearMonth.of(2026, 10))[2]).isEqualTo(250.5);
        assertThat(months.get(YearMonth.of(2026, 9))[2]).isNaN();
    }

    @Test
    void aClientWhoseTransactionsStoppedShowsFallingActivityAndInactivity() {
        ClientProfile p = registered("2016-06-01");
        for (int m = 0; m < 12; m++) {
            int transactions = m < 9 ? 30 : 0;
            p.apply(new ClientFact.FinancialsRecorded(clientId, YearMonth.of(2025, 11).plusMonths(m), 5000, transactions,
                    transactions * 40.0), HALF_LIVES);
        }
        p.apply(new ClientFact.InteractionRecorded(clientId, NOW.minus(Duration.ofDays(3)), "COMPLAINT", "CLIENT",
                "UNRESOLVED", "NEGATIVE", "BANK", null, null, UUID.randomUUID(), false), HALF_LIVES);
        ChurnFeatures f = ChurnFeatures.of(p, LoyaltyFeatures.of(p, NOW, HALF_LIVES), YearMonth.of(2026, 11));
        assertThat(f.value(ChurnFeature.ACTIVITY)).isEqualTo(22.5);
        assertThat(f.value(ChurnFeature.SPENDING)).isEqualTo(900.0);
        assertThat(f.value(ChurnFeature.INACTIVE_MONTHS)).isEqualTo(3.0);
        assertThat(f.value(ChurnFeature.ACTIVITY_TREND_QUARTER)).isNegative();
        assertThat(f.value(ChurnFeature.ACTIVITY_TREND_RECENT)).isNegative();
        assertThat(f.value(ChurnFeature.CONTACTS)).isEqualTo(1.0);
        assertThat(f.value(ChurnFeature.COMPLAINTS)).isEqualTo(1.0);
        assertThat(f.value(ChurnFeature.OPEN_COMPLAINTS)).isEqualTo(1.0);
        assertThat(f.value(ChurnFeature.BANK_CAUSED_NEGATIVES)).isGreaterThan(0.9);
        assertThat(f.value(ChurnFeature.TENURE)).isCloseTo(10.5, within(0.1));
        assertThat(f.value(ChurnFeature.AGE)).isEqualTo(40.0);
        assertThat(f.value(ChurnFeature.PRODUCTS)).isZero();
    }

    @Test
    void theDayOnePriorRanksAFadingUnhappyClientAboveASteadyDeepOne() {
        ChurnRiskModel prior = ConfiguredChurnPrior.load();
        ClientProfile steady = registered("2012-01-01");
        ClientProfile fading = registered("2025-06-01");
        steady.apply(new ClientFact.ProductOpened(clientId, "SAVINGS_ACCOUNT", LocalDate.parse("2012-01-01"),
                List.of("CURRENT_ACCOUNT", "DEBIT_CARD", "SAVINGS_ACCOUNT", "MORTGAGE")), HALF_LIVES);
        for (int m = 0; m < 12; m++) {
            YearMonth month = YearMonth.of(2025, 12).plusMonths(m);
            steady.apply(new ClientFact.FinancialsRecorded(clientId, month, 9000, 35, 2500.0), HALF_LIVES);
            fading.apply(new ClientFact.FinancialsRecorded(clientId, month, 3000 - 200 * m, Math.max(0, 12 - 2 * m),
                    300.0), HALF_LIVES);
        }
        double steadyRisk = prior.probability(ChurnFeatures.of(steady, LoyaltyFeatures.of(steady, NOW, HALF_LIVES),
                YearMonth.of(2026, 11)));
        double fadingRisk = prior.probability(ChurnFeatures.of(fading, LoyaltyFeatures.of(fading, NOW, HALF_LIVES),
                YearMonth.of(2026, 11)));
        assertThat(steadyRisk).isLessThan(0.05);
        assertThat(fadingRisk).isGreaterThan(0.5);
    }

    @Test
    void theFactorsNameEachFeaturesSignedContribution() {
        ChurnRiskModel prior = ConfiguredChurnPrior.load();
        var f = new ChurnFeatures(java.util.Map.of(ChurnFeature.INACTIVE_MONTHS, 4.0, ChurnFeature.PRODUCTS, 4.0));
        var factors = prior.factors(f);
        assertThat(factors).extracting(ScoreFactor::name).containsExactly("inactive-months", "products");
        assertThat(factors.get(0).contribution()).isCloseTo(0.6, within(1e-9));
        assertThat(factors.get(0).text()).contains("raises the risk of leaving");
        assertThat(factors.get(1).contribution()).isCloseTo(-0.7, within(1e-9));
        assertThat(factors.get(1).text()).contains("lowers");
    }

    @Test
    void theAgeFactorShowsOnlyTheFiveYearBandNeverTheAgeTheYearOfBirthGives() {
        assertThat(ChurnRiskModel.shown(ChurnFeature.AGE, 43.92)).isEqualTo("40–44");
        assertThat(ChurnRiskModel.shown(ChurnFeature.AGE, 45.0)).isEqualTo("45–49");
        assertThat(ChurnRiskModel.shown(ChurnFeature.AGE, 19.5)).isEqualTo("15–19");
        assertThat(ChurnRiskModel.shown(ChurnFeature.PRODUCTS, 3.0)).isEqualTo("3");
        assertThat(ChurnRiskModel.shown(ChurnFeature.TENURE, 7.25)).isEqualTo("7.25");
    }

    @Test
    void ageBandsAreOneInTheirBandZeroOutsideAndUnknownWithoutAnAge() {
        assertThat(ChurnFeatures.band(21.0, 0, 35)).isEqualTo(1.0);
        assertThat(ChurnFeatures.band(40.0, 0, 35)).isEqualTo(0.0);
        assertThat(ChurnFeatures.band(50.0, 45, 55)).isEqualTo(1.0);
        assertThat(ChurnFeatures.band(60.0, 45, 55)).isEqualTo(0.0);
        assertThat(ChurnFeatures.band(60.0, 55, 65)).isEqualTo(1.0);
        assertThat(ChurnFeatures.band(72.0, 65, Double.MAX_VALUE)).isEqualTo(1.0);
        assertThat(ChurnFeatures.band(null, 45, 55)).isNull();
    }

    @Test
    void theAgeFromTheBirthYearIsTakenAtTheMiddleOfTheScoringMonthAssumingAMidYearBirthday() {
        assertThat(ChurnFeatures.ageAt(1980, YearMonth.of(2026, 11))).isCloseTo(46.375, within(1e-9));
        assertThat(ChurnFeatures.ageAt(1980, YearMonth.of(2026, 1))).isCloseTo(45.542, within(1e-3));
        assertThat(ChurnFeatures.ageAt(1980, YearMonth.of(2027, 11))).as("a year later, a year older")
                .isCloseTo(47.375, within(1e-9));
        assertThat(ChurnFeatures.ageAt(null, YearMonth.of(2026, 11))).isNull();
    }

    ClientProfile bornIn(Integer birthYear, String ageBand) {
        return ClientProfile.registered(new ClientFact.Registered(clientId, "INDIVIDUAL", ageBand,
                LocalDate.parse("2020-01-01"), NOW.minus(Duration.ofDays(400)), true, "DE", birthYear));
    }

    ChurnFeatures at(ClientProfile p, YearMonth month) {
        return ChurnFeatures.of(p, LoyaltyFeatures.of(p, NOW, HALF_LIVES), month);
    }

    @Test
    void withTheBirthYearTheAgeIsExactAndTheUpperHalfOfTheDecadeIsKnown() {
        ChurnFeatures f = at(bornIn(1974, "AGE_45_54"), YearMonth.of(2026, 11));
        assertThat(f.value(ChurnFeature.AGE)).isCloseTo(52.375, within(1e-9));
        assertThat(f.value(ChurnFeature.AGE_45_54)).isEqualTo(1.0);
        assertThat(f.value(ChurnFeature.AGE_50_54)).isEqualTo(1.0);
        assertThat(f.value(ChurnFeature.AGE_40_44)).isEqualTo(0.0);
        assertThat(f.value(ChurnFeature.AGE_30_34)).isEqualTo(0.0);
        assertThat(f.value(ChurnFeature.AGE_60_64)).isEqualTo(0.0);
        assertThat(f.value(ChurnFeature.AGE_70_PLUS)).isEqualTo(0.0);
        assertThat(at(bornIn(1994, "AGE_25_34"), YearMonth.of(2026, 11)).value(ChurnFeature.AGE_30_34)).isEqualTo(1.0);
        assertThat(at(bornIn(1984, "AGE_35_44"), YearMonth.of(2026, 11)).value(ChurnFeature.AGE_40_44)).isEqualTo(1.0);
        assertThat(at(bornIn(1964, "AGE_55_64"), YearMonth.of(2026, 11)).value(ChurnFeature.AGE_60_64)).isEqualTo(1.0);
        ChurnFeatures old = at(bornIn(1950, "AGE_65_PLUS"), YearMonth.of(2026, 11));
        assertThat(old.value(ChurnFeature.AGE_70_PLUS)).isEqualTo(1.0);
        assertThat(old.value(ChurnFeature.AGE_65_PLUS)).isEqualTo(1.0);
    }

    @Test
    void withoutTheBirthYearTheBandsMiddleIsTheAgeAndTheHalvesOfTheDecadeAreUnknown() {
        ChurnFeatures f = at(bornIn(null, "AGE_45_54"), YearMonth.of(2026, 11));
        assertThat(f.value(ChurnFeature.AGE)).isEqualTo(50.0);
        assertThat(f.value(ChurnFeature.AGE_45_54)).isEqualTo(1.0);
        assertThat(f.value(ChurnFeature.AGE_50_54)).as("the band cannot say which half: typical").isNull();
        assertThat(f.value(ChurnFeature.AGE_40_44)).isNull();
    }

    @Test
    void aClientAgesIntoTheNextBandWithoutAnotherEvent() {
        ClientProfile p = bornIn(1972, "AGE_45_54"); // the band as of the registration, never sent again
        assertThat(at(p, YearMonth.of(2026, 11)).value(ChurnFeature.AGE_45_54)).isEqualTo(1.0);
        ChurnFeatures nextYear = at(p, YearMonth.of(2027, 11));
        assertThat(nextYear.value(ChurnFeature.AGE_45_54)).isEqualTo(0.0);
        assertThat(nextYear.value(ChurnFeature.AGE_55_64)).isEqualTo(1.0);
        assertThat(nextYear.value(ChurnFeature.DORMANT_55_64)).as("no months: dormancy unknown").isNull();
    }

    @Test
    void anUpdateReplacesTheBirthYearAndOneWithoutItForgetsIt() {
        ClientProfile p = bornIn(1974, "AGE_45_54");
        p.apply(new ClientFact.Updated(clientId, "INDIVIDUAL", "AGE_45_54", LocalDate.parse("2020-01-01"), "DE", 1975),
                HALF_LIVES);
        assertThat(p.birthYear).isEqualTo(1975);
        p.apply(new ClientFact.Updated(clientId, "INDIVIDUAL", "AGE_45_54", LocalDate.parse("2020-01-01"), "DE"), HALF_LIVES);
        assertThat(p.birthYear).as("a whole profile: an update without it means not known").isNull();
    }

    @Test
    void theBandsOfAClientFollowItsAgeBand() {
        ClientProfile p = ClientProfile.registered(new ClientFact.Registered(clientId, "INDIVIDUAL", "AGE_55_64",
                LocalDate.parse("2020-01-01"), NOW.minus(Duration.ofDays(400)), true));
        ChurnFeatures f = ChurnFeatures.of(p, LoyaltyFeatures.of(p, NOW, HALF_LIVES), YearMonth.of(2026, 11));
        assertThat(f.value(ChurnFeature.AGE_55_64)).isEqualTo(1.0);
        assertThat(f.value(ChurnFeature.AGE_45_54)).isEqualTo(0.0);
        assertThat(f.value(ChurnFeature.AGE_UNDER_35)).isEqualTo(0.0);
        assertThat(f.value(ChurnFeature.AGE_65_PLUS)).isEqualTo(0.0);
        ClientProfile unknown = ClientProfile.registered(new ClientFact.Registered(clientId, "BUSINESS", "UNKNOWN",
                LocalDate.parse("2020-01-01"), NOW.minus(Duration.ofDays(400)), true));
        ChurnFeatures u = ChurnFeatures.of(unknown, LoyaltyFeatures.of(unknown, NOW, HALF_LIVES), YearMonth.of(2026, 11));
        assertThat(u.value(ChurnFeature.AGE_45_54)).as("no age: unknown, so typical").isNull();
    }

    @Test
    void productIndicatorsSeparateOneProductFromTwoAndFromThreeOrMore() {
        for (int held = 0; held <= 4; held++) {
            ClientProfile p = registered("2020-01-01");
            List<String> types = List.of("CURRENT_ACCOUNT", "SAVINGS_ACCOUNT", "CREDIT_CARD", "INSURANCE").subList(0, held);
            if (held > 0) {
                p.apply(new ClientFact.ProductOpened(clientId, types.get(held - 1), LocalDate.parse("2021-01-01"), types),
                        HALF_LIVES);
            }
            ChurnFeatures f = ChurnFeatures.of(p, LoyaltyFeatures.of(p, NOW, HALF_LIVES), YearMonth.of(2026, 11));
            assertThat(f.value(ChurnFeature.SINGLE_PRODUCT)).as(held + " products").isEqualTo(held == 1 ? 1.0 : 0.0);
            assertThat(f.value(ChurnFeature.THREE_PLUS_PRODUCTS)).as(held + " products").isEqualTo(held >= 3 ? 1.0 : 0.0);
        }
    }

    @Test
    void aZeroBalanceIsTheNewestMonthHoldingNoMoneyNotALowBalance() {
        List<double[]> empty = List.of(new double[] { 5000, 10, 0 }, new double[] { 0, 10, 0 });
        List<double[]> low = List.of(new double[] { 0, 10, 0 }, new double[] { 12.5, 10, 0 });
        assertThat(ChurnFeatures.zeroBalance(empty)).isEqualTo(1.0);
        assertThat(ChurnFeatures.zeroBalance(low)).isEqualTo(0.0);
        assertThat(ChurnFeatures.zeroBalance(List.of(new double[] { -40, 1, 0 }))).as("overdrawn holds no money").isEqualTo(1.0);
        assertThat(ChurnFeatures.zeroBalance(List.of())).isNull();
    }

    @Test
    void theBalanceIsTheAverageOfTheNewestThreeMonthsAnOverdraftCountingAsNothing() {
        List<double[]> months = List.of(new double[] { 9000, 1, 0 }, new double[] { 3000, 1, 0 },
                new double[] { -300, 1, 0 }, new double[] { 6000, 1, 0 });
        assertThat(ChurnFeatures.recentBalance(months)).isEqualTo(3000.0);
        assertThat(ChurnFeatures.recentBalance(List.of())).isNull();
    }

    @Test
    void dormantMeansNoTransactionInTheNewestThreeMonths() {
        assertThat(ChurnFeatures.dormant(months(20, 20, 0, 0, 0))).isEqualTo(1.0);
        assertThat(ChurnFeatures.dormant(months(20, 0, 0, 1, 0))).isEqualTo(0.0);
        assertThat(ChurnFeatures.dormant(months(0, 0))).as("under three months: not known").isNull();
    }

    @Test
    void aDormantAgeBandIsOneOnlyForADormantClientOfThatBand() {
        assertThat(ChurnFeatures.both(1.0, 1.0)).isEqualTo(1.0);
        assertThat(ChurnFeatures.both(1.0, 0.0)).isEqualTo(0.0);
        assertThat(ChurnFeatures.both(0.0, 1.0)).isEqualTo(0.0);
        assertThat(ChurnFeatures.both(null, 0.0)).as("not in the band: 0 whatever the activity").isEqualTo(0.0);
        assertThat(ChurnFeatures.both(null, 1.0)).as("activity not known").isNull();
        assertThat(ChurnFeatures.both(1.0, null)).as("age not known").isNull();

        ClientProfile p = ClientProfile.registered(new ClientFact.Registered(clientId, "INDIVIDUAL", "AGE_55_64",
                LocalDate.parse("2020-01-01"), NOW.minus(Duration.ofDays(400)), true));
        for (int back = 5; back >= 0; back--) {
            p.apply(new ClientFact.FinancialsRecorded(clientId, YearMonth.of(2026, 11).minusMonths(back), 8000.0,
                    back < 3 ? 0 : 20, back < 3 ? 0.0 : 1500.0), HALF_LIVES);
        }
        ChurnFeatures f = ChurnFeatures.of(p, LoyaltyFeatures.of(p, NOW, HALF_LIVES), YearMonth.of(2026, 11));
        assertThat(f.value(ChurnFeature.DORMANT)).isEqualTo(1.0);
        assertThat(f.value(ChurnFeature.DORMANT_55_64)).isEqualTo(1.0);
        assertThat(f.value(ChurnFeature.DORMANT_45_54)).isEqualTo(0.0);
        assertThat(f.value(ChurnFeature.DORMANT_65_PLUS)).isEqualTo(0.0);
    }

    @Test
    void aSingleEmptyProductIsOneOnlyWhenTheOnlyProductHoldsNoMoney() {
        assertThat(ChurnFeatures.singleProductEmpty(1, 1.0)).isEqualTo(1.0);
        assertThat(ChurnFeatures.singleProductEmpty(1, 0.0)).isEqualTo(0.0);
        assertThat(ChurnFeatures.singleProductEmpty(2, 1.0)).as("two products, empty: not this feature").isEqualTo(0.0);
        assertThat(ChurnFeatures.singleProductEmpty(0, null)).isEqualTo(0.0);
        assertThat(ChurnFeatures.singleProductEmpty(1, null)).as("no month recorded: balance not known").isNull();
    }

    @Test
    void theCountryOfResidenceOfTheProfileReachesTheFeatures() {
        ClientProfile p = ClientProfile.registered(new ClientFact.Registered(clientId, "INDIVIDUAL", "AGE_35_44",
                LocalDate.parse("2020-01-01"), NOW.minus(Duration.ofDays(400)), true, "DE"));
        assertThat(ChurnFeatures.of(p, LoyaltyFeatures.of(p, NOW, HALF_LIVES), YearMonth.of(2026, 11)).countryOfResidence())
                .isEqualTo("DE");
        p.apply(new ClientFact.Updated(clientId, "INDIVIDUAL", "AGE_35_44", LocalDate.parse("2020-01-01"), "ES"), HALF_LIVES);
        assertThat(p.countryOfResidence).isEqualTo("ES");
    }

    @Test
    void withoutProfilingConsentNoChurnModelIsAppliedAndTheFactorSaysWhy() {
        ChurnRiskModel prior = ConfiguredChurnPrior.load();
        LoyaltyScoring scoring = new LoyaltyScoring(new LoyaltyScoring.Rules(
                new BehaviouralLoyalty.Weights(20, 30, 15, 5, 10, 20, 10, 5, 3, 30, 3, 0.5, 10, 30, 0.5),
                new PerceivedLoyalty.Weights(25, 10, 15, 5, 8, 6, 3, 15, 3), new LoyaltyType.TypeThresholds(60, 60), prior,
                HALF_LIVES));
        ClientProfile refused = ClientProfile.registered(new ClientFact.Registered(clientId, "INDIVIDUAL", "AGE_45_54",
                LocalDate.parse("2020-01-01"), NOW.minus(Duration.ofDays(400)), false));
        LoyaltyAssessment a = scoring.assess(refused, NOW);
        assertThat(a.churnRisk()).isNull();
        assertThat(a.churnInputs()).as("nothing kept to learn from").isNull();
        assertThat(a.churnFactors()).extracting(ScoreFactor::name).containsExactly("profiling-consent");
        assertThat(a.churnFactors().get(0).text()).contains("no profiling consent");

        assertThat(refused.apply(new ClientFact.ConsentChanged(clientId, true), HALF_LIVES)).as("consent given: rescore").isTrue();
        LoyaltyAssessment consented = scoring.assess(refused, NOW);
        assertThat(consented.churnRisk()).isNotNull().isBetween(0.0, 1.0);
        assertThat(consented.churnInputs()).hasSize(ChurnFeature.values().length);
        assertThat(refused.apply(new ClientFact.ConsentChanged(clientId, true), HALF_LIVES)).as("no change").isFalse();

        ClientProfile unknown = ClientProfile.registered(new ClientFact.Registered(clientId, "INDIVIDUAL", "AGE_45_54",
                LocalDate.parse("2020-01-01"), NOW.minus(Duration.ofDays(400)), null));
        assertThat(scoring.assess(unknown, NOW).churnRisk()).as("consent not known: no model").isNull();
    }

    private ClientProfile registered(String customerSince) {
        return ClientProfile.registered(new ClientFact.Registered(clientId, "INDIVIDUAL", "AGE_35_44",
                LocalDate.parse(customerSince), NOW.minus(Duration.ofDays(400)), true));
    }
}
