package org.bankcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class BankMarketingReplayTest {

    @Test
    void theBundledCopyIsTheWholeUciFile() throws IOException {
        List<BankMarketingReplay.Row> rows = BankMarketingReplay.read(null, null);
        assertThat(rows).hasSize(41_188);
        assertThat(rows.stream().filter(BankMarketingReplay.Row::subscribed).count()).isEqualTo(4_640);
        assertThat(rows.get(0)).isEqualTo(new BankMarketingReplay.Row(1, 56, "housemaid", "no", "no", "telephone", false));
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
            Payloads.RegisterClient r = BankMarketingReplay.registration(row, "RUN1", today);
            assertThat(r.externalRef()).hasSizeLessThanOrEqualTo(64);
            assertThat(r.birthDate()).isBefore(today.minusYears(14));
            assertThat(r.consents().marketingPhone()).isTrue(); // the campaign called them
            if (!"unknown".equals(row.job())) {
                assertThat(r.incomeBracket()).as(row.job()).isIn(Vocabulary.INCOME_BRACKETS);
            }
            assertThat(BankMarketingReplay.products(row)).startsWith("CURRENT_ACCOUNT")
                    .contains("yes".equals(row.housing()) ? "MORTGAGE" : "CURRENT_ACCOUNT");
        }
    }

    @Test
    void aucIsOneForAPerfectRankingAndAHalfForATie() {
        var yes = new BankMarketingReplay.Row(1, 30, "student", "no", "no", "cellular", true);
        var no = new BankMarketingReplay.Row(2, 40, "admin.", "no", "no", "cellular", false);
        List<BankMarketingReplay.Outcome> perfect = List.of(
                new BankMarketingReplay.Outcome(yes, true, 0.9, "AGE_25_34", "LOW"),
                new BankMarketingReplay.Outcome(no, true, 0.1, "AGE_35_44", "MIDDLE"));
        assertThat(BankMarketingReplay.auc(perfect)).isEqualTo(1.0);
        List<BankMarketingReplay.Outcome> tie = List.of(
                new BankMarketingReplay.Outcome(yes, true, 0.5, "AGE_25_34", "LOW"),
                new BankMarketingReplay.Outcome(no, true, 0.5, "AGE_35_44", "MIDDLE"));
        assertThat(BankMarketingReplay.auc(tie)).isEqualTo(0.5);
    }
}
