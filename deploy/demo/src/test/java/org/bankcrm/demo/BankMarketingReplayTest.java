package org.bankcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class BankMarketingReplayTest {

    @Test
    void theBundledCopyIsTheWholeUciFile() throws IOException {
        List<BankMarketingReplay.Row> rows = BankMarketingReplay.read(null, null);
        assertThat(rows).hasSize(41_188);
        assertThat(rows.stream().filter(BankMarketingReplay.Row::subscribed).count()).isEqualTo(4_640);
        assertThat(rows.get(0)).isEqualTo(new BankMarketingReplay.Row(1, 56, "housemaid", "married", "basic.4y", "no", "no",
                "telephone", "may", "mon", 1, 999, 0, "nonexistent", 1.1, 93.994, -36.4, 4.857, 5191, false));
    }

    @Test
    void aShorterReplaySpansTheWholePeriodInOrder() throws IOException {
        List<BankMarketingReplay.Row> rows = BankMarketingReplay.read(null, null);
        List<BankMarketingReplay.Row> spread = BankMarketingReplay.spread(rows, 2_000);
        assertThat(spread).hasSize(2_000);
        assertThat(spread.get(0).number()).isEqualTo(1);
        assertThat(spread.get(1_999).number()).isGreaterThan(41_000);
        for (int i = 1; i < spread.size(); i++) {
            assertThat(spread.get(i).number()).isGreaterThan(spread.get(i - 1).number());
        }
        assertThat(BankMarketingReplay.spread(rows, 0)).hasSize(41_188);
    }

    @Test
    void eachRowBecomesAValidClientWithWhatTheRowSaysItHolds() throws IOException {
        LocalDate today = LocalDate.of(2026, 11, 27);
        for (BankMarketingReplay.Row row : BankMarketingReplay.read(null, null)) {
            BankMarketingReplay.Registration r = BankMarketingReplay.registration(row, "RUN1", today);
            assertThat(r.externalRef()).hasSizeLessThanOrEqualTo(64);
            assertThat(r.birthDate()).isBefore(today.minusYears(14));
            assertThat(r.consents().marketingPhone()).isTrue(); // the campaign called them
            if (!"unknown".equals(row.job())) {
                assertThat(r.incomeBracket()).as(row.job()).isIn(Vocabulary.INCOME_BRACKETS);
            }
            if (!"unknown".equals(row.job())) {
                assertThat(r.occupation()).as(row.job()).isNotNull();
            }
            if (!"unknown".equals(row.marital())) {
                assertThat(r.maritalStatus()).as(row.marital()).isIn("SINGLE", "MARRIED", "DIVORCED");
            }
            if (!"unknown".equals(row.education())) {
                assertThat(r.education()).as(row.education()).isIn("PRIMARY", "SECONDARY", "TERTIARY");
            }
            assertThat(BankMarketingReplay.products(row).contains("MORTGAGE")).isEqualTo("yes".equals(row.housing()));
            assertThat(BankMarketingReplay.products(row).contains("CONSUMER_LOAN")).isEqualTo("yes".equals(row.loan()));
            LocalDate planned = BankMarketingReplay.contactDate(row, today);
            assertThat(planned).isBetween(today, today.plusDays(365));
            assertThat(planned.getMonth().name().substring(0, 3)).isEqualToIgnoringCase(row.month());
            assertThat(planned.getDayOfWeek().name().substring(0, 3)).isEqualToIgnoringCase(row.dayOfWeek());
        }
    }

    static BankMarketingReplay.Row row(int number, boolean subscribed, int campaign, int pdays, int previous, String poutcome) {
        return new BankMarketingReplay.Row(number, 30, "student", "single", "university.degree", "no", "no", "cellular", "may", "mon", campaign,
                pdays, previous, poutcome, -1.8, 92.893, -46.2, 1.299, 5099.1, subscribed);
    }

    static BankMarketingReplay.Outcome outcome(BankMarketingReplay.Row row, double sample, double mean) {
        return new BankMarketingReplay.Outcome(row, true, sample, mean, "AGE_25_34", "LOW", 0, 0);
    }

    @Test
    void aucIsOneForAPerfectRankingAndAHalfForATieForEitherScore() {
        var yes = row(1, true, 1, 999, 0, "nonexistent");
        var no = row(2, false, 1, 999, 0, "nonexistent");
        List<BankMarketingReplay.Outcome> perfect = List.of(outcome(yes, 0.9, 0.5), outcome(no, 0.1, 0.5));
        assertThat(BankMarketingReplay.auc(perfect, BankMarketingReplay.Outcome::propensity)).isEqualTo(1.0);
        assertThat(BankMarketingReplay.auc(perfect, BankMarketingReplay.Outcome::expected)).isEqualTo(0.5);
        assertThat(BankMarketingReplay.topHalfShare(perfect, BankMarketingReplay.Outcome::propensity)).isEqualTo(1.0);
    }

    @Test
    void thisCampaignsEarlierCallsAreContactsWithoutAFinalAnswerWithinTheLast28Days() {
        List<BankMarketingReplay.PastCall> calls = BankMarketingReplay.history(row(1, false, 4, 999, 0, "nonexistent"));
        assertThat(calls).hasSize(3).allMatch(c -> c.outcome().equals("INTERESTED"))
                .allMatch(c -> c.ago().compareTo(Duration.ofDays(28)) < 0 && !c.ago().isNegative());
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i).ago()).as("oldest first").isLessThan(calls.get(i - 1).ago());
        }
        assertThat(BankMarketingReplay.history(row(1, false, 1, 999, 0, "nonexistent"))).isEmpty();
    }

    @Test
    void thePreviousCampaignsCallsArePdaysAgoTheLastWithItsOutcome() {
        List<BankMarketingReplay.PastCall> calls = BankMarketingReplay.history(row(1, true, 2, 6, 2, "success"));
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0).outcome()).isEqualTo("INTERESTED");
        assertThat(calls.get(1).outcome()).isEqualTo("ACCEPTED");
        assertThat(calls.get(1).ago().toDays()).isEqualTo(6);
        assertThat(calls.get(2).ago()).as("this campaign's earlier call came after").isLessThan(calls.get(1).ago());
        assertThat(BankMarketingReplay.history(row(1, false, 1, 3, 1, "failure")).get(0).outcome()).isEqualTo("DECLINED");
        assertThat(BankMarketingReplay.history(row(1, false, 1, 999, 1, "failure"))).as("pdays 999: no date to record it at")
                .isEmpty();
    }

    @Test
    void theContextIsThePlannedDateTheDialledLineAndTheEconomyWithinOfferServicesAllowList() {
        var context = BankMarketingReplay.context(row(1, false, 1, 999, 0, "nonexistent"), LocalDate.of(2026, 12, 6));
        assertThat(context.get("contactDate")).as("the next Monday in May").isEqualTo(LocalDate.of(2027, 5, 3));
        @SuppressWarnings("unchecked")
        var features = (java.util.Map<String, Object>) context.get("features");
        assertThat(features.get("reachedOnMobile")).isEqualTo(1);
        assertThat(features.get("euribor3m")).isEqualTo(1.299);
        assertThat(features.get("employedThousands")).isEqualTo(5099.1);
        assertThat(features.keySet()).containsExactlyInAnyOrder("reachedOnMobile", "employmentVariationRate",
                "consumerPriceIndex", "consumerConfidenceIndex", "euribor3m", "employedThousands");
    }
}
