package org.bankcrm.offer.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BankMarketingReplayTest {

    @Test
    void aucCountsCorrectlyOrderedPairsAndTiesHalf() {
        double[] score = { 0.1, 0.4, 0.35, 0.8 };
        boolean[] positive = { false, false, true, true };
        assertThat(BankMarketingReplay.auc(score, positive, 0, 4)).isEqualTo(0.75);
        assertThat(BankMarketingReplay.auc(new double[] { 0.5, 0.5 }, new boolean[] { true, false }, 0, 2)).isEqualTo(0.5);
    }

    /** Rows in the data's format where previous success and a low euribor make a yes likely: the replay must find it. */
    @Test
    void theReplayLearnsFromRowsInTheDataFormat() {
        Random world = new Random(5);
        List<String> lines = new ArrayList<>();
        lines.add("\"age\";\"job\";\"marital\";\"education\";\"default\";\"housing\";\"loan\";\"contact\";\"month\";\"day_of_week\";"
                + "\"duration\";\"campaign\";\"pdays\";\"previous\";\"poutcome\";\"emp.var.rate\";\"cons.price.idx\";"
                + "\"cons.conf.idx\";\"euribor3m\";\"nr.employed\";\"y\"");
        for (int i = 0; i < 3000; i++) {
            boolean success = world.nextDouble() < 0.2;
            double euribor = world.nextBoolean() ? 1.0 : 4.9;
            double p = (success ? 0.5 : 0.05) + (euribor < 2 ? 0.2 : 0);
            boolean y = world.nextDouble() < p;
            lines.add("41;\"admin.\";\"married\";\"high.school\";\"no\";\"yes\";\"no\";\"cellular\";\"may\";\"mon\";100;1;%s;%s;\"%s\";1.1;93.9;-36.4;%s;5191;\"%s\""
                    .formatted(success ? "6" : "999", success ? "1" : "0", success ? "success" : "nonexistent", euribor,
                            y ? "yes" : "no"));
        }
        var result = BankMarketingReplay.replay(lines, 1.0, new Random(1));
        assertThat(result.rows()).isEqualTo(3000);
        assertThat(result.aucMean()).isGreaterThan(0.7);
        assertThat(result.topHalfShareMean()).isGreaterThan(0.6);
        assertThat(result.lastQuarterAucMean()).isCloseTo(0.78, Offset.offset(0.1));
    }

    @Test
    void aRowsContactDateIsTheNextDateOnOrAfterTodayInItsMonthOnItsWeekday() {
        java.time.LocalDate sunday = java.time.LocalDate.parse("2026-12-06");
        assertThat(BankMarketingReplay.contactDate(sunday, "dec", "mon")).isEqualTo("2026-12-07");
        assertThat(BankMarketingReplay.contactDate(sunday, "may", "fri")).isEqualTo("2027-05-07");
        assertThat(BankMarketingReplay.contactDate(java.time.LocalDate.parse("2026-12-30"), "dec", "mon"))
                .isEqualTo("2027-12-06");
        assertThat(BankMarketingReplay.contactDate(java.time.LocalDate.parse("2026-12-07"), "dec", "mon"))
                .isEqualTo("2026-12-07");
    }
}
