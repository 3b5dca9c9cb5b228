package org.bankcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The churn replay's reading of the CSV, its placing in time, and its measures (no CRM needed). */
class ChurnReplayTest {
    static final String HEADER = "RowNumber,CustomerId,Surname,CreditScore,Geography,Gender,Age,Tenure,Balance,NumOfProducts,HasCrCard,IsActiveMember,EstimatedSalary,Exited";

    @Test
    void readsOnlyTheColumnsTheCrmCanHoldAndTheLabel(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("churn.csv");
        Files.writeString(csv, HEADER + "\n1,15634602,Hargrave,619,France,Female,42,2,0,1,1,1,101348.88,1\n"
                + "2,15647311,Hill,608,Spain,Female,41,1,83807.86,3,0,0,112542.58,0\n");
        List<ChurnReplay.Row> rows = ChurnReplay.read(csv);
        assertThat(rows).containsExactly(new ChurnReplay.Row(1, 42, 2, 0, 1, true, true, "FR"),
                new ChurnReplay.Row(2, 41, 1, 83807.86, 3, false, false, "ES"));
    }

    @Test
    void theRegistrationCarriesNoSurnameAndConsentsToProfiling() {
        var row = new ChurnReplay.Row(7, 42, 3, 1000, 2, true, false);
        var registration = ChurnReplay.registration(row, "RUN", LocalDate.parse("2026-12-06"));
        assertThat(CrmApi.write(registration)).doesNotContain("Hargrave").contains("\"profiling\":true");
        assertThat(registration.customerSince()).isEqualTo(LocalDate.parse("2023-12-06"));
        assertThat(registration.birthDate()).isBefore(LocalDate.parse("1984-12-06")).isAfter(LocalDate.parse("1983-12-06"));
        assertThat(CrmApi.write(registration)).as("no country known: none sent").doesNotContain("countryOfResidence");
    }

    @Test
    void geographyBecomesTheCountryOfResidenceAndGenderIsNeverSent() {
        assertThat(ChurnReplay.country("France")).isEqualTo("FR");
        assertThat(ChurnReplay.country("Germany")).isEqualTo("DE");
        assertThat(ChurnReplay.country("Spain")).isEqualTo("ES");
        assertThat(ChurnReplay.country("Atlantis")).isNull();
        var registration = ChurnReplay.registration(new ChurnReplay.Row(8, 50, 3, 0, 1, false, true, "DE"), "RUN",
                LocalDate.parse("2026-12-06"));
        String json = CrmApi.write(registration);
        assertThat(json).contains("\"countryOfResidence\":\"DE\"").doesNotContainIgnoringCase("gender")
                .doesNotContain("Female", "Male");
    }

    @Test
    void anInactiveMemberHasThreeActiveMonthsThenThreeSilentOnesAndTheBalanceThroughout() {
        var months = ChurnReplay.months(new ChurnReplay.Row(1, 30, 1, 1234.5, 1, false, false), YearMonth.of(2026, 12));
        assertThat(months).extracting(Payloads.RecordFinancials::month).containsExactly(YearMonth.of(2026, 6),
                YearMonth.of(2026, 7), YearMonth.of(2026, 8), YearMonth.of(2026, 9), YearMonth.of(2026, 10), YearMonth.of(2026, 11));
        assertThat(months).extracting(Payloads.RecordFinancials::transactionCount).containsExactly(20, 20, 20, 0, 0, 0);
        assertThat(months).extracting(Payloads.RecordFinancials::averageBalance).containsOnly(new BigDecimal("1234.50"));
        var active = ChurnReplay.months(new ChurnReplay.Row(1, 30, 1, 0, 1, true, false), YearMonth.of(2026, 12));
        assertThat(active).extracting(Payloads.RecordFinancials::transactionCount).containsOnly(20);
    }

    @Test
    void theMeasuresRankCalibrateAndBinAsExpected() {
        List<ChurnReplay.Scored> scored = List.of(
                new ChurnReplay.Scored(new ChurnReplay.Row(1, 30, 1, 0, 1, true, false), 0.1),
                new ChurnReplay.Scored(new ChurnReplay.Row(2, 30, 1, 0, 1, true, true), 0.9),
                new ChurnReplay.Scored(new ChurnReplay.Row(3, 30, 1, 0, 1, true, false), 0.5),
                new ChurnReplay.Scored(new ChurnReplay.Row(4, 30, 1, 0, 1, true, true), 0.5));
        // pairs (leaver, stayer): (0.9 > 0.1), (0.9 > 0.5), (0.5 > 0.1), (0.5 = 0.5: half) → 3.5 / 4
        assertThat(ChurnReplay.auc(scored, ChurnReplay.Scored::risk)).isCloseTo(0.875, within(1e-12));
        assertThat(ChurnReplay.brier(scored)).isCloseTo((0.01 + 0.01 + 0.25 + 0.25) / 4, within(1e-12));
        assertThat(ChurnReplay.deciles(scored)).hasSize(4);
        assertThat(ChurnReplay.better(0.3)).isEqualTo(0.7);
    }

    @Test
    void theHorizonIsReadAsTheServiceWritesIt() {
        assertThat(ChurnReplay.horizon(TextNode.valueOf("PT2M"))).isEqualTo(Duration.ofMinutes(2));
        assertThat(ChurnReplay.horizon(DoubleNode.valueOf(120.0))).isEqualTo(Duration.ofMinutes(2));
    }
}
