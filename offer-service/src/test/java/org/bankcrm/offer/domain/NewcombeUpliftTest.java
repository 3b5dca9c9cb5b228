package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;

import org.bankcrm.offer.domain.OfferMonth.ChannelActivity;
import org.bankcrm.offer.domain.OfferMonth.Counts;
import org.bankcrm.offer.domain.OfferMonth.Recovery;
import org.junit.jupiter.api.Test;

class NewcombeUpliftTest {
    static final double Z = 1.959964;

    /** Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10. */
    @Test
    void theIntervalIsNewcombesHybridScoreIntervalOfHisPublishedExamples() {
        assertBounds(NewcombeUplift.of(70, 56, 80, 48, Z), 0.2, 0.0524, 0.3339);
        assertBounds(NewcombeUplift.of(10, 9, 10, 3, Z), 0.6, 0.1705, 0.8090);
        assertBounds(NewcombeUplift.of(7, 6, 7, 2, Z), 0.5714, 0.0582, 0.8062);
        assertBounds(NewcombeUplift.of(10, 0, 20, 0, Z), 0.0, -0.1611, 0.2775);
        assertThat(NewcombeUplift.of(70, 56, 80, 48, Z).confidence()).isEqualTo(0.95);
    }

    @Test
    void aCertainTreatedGroupAgainstANeverAcceptingControlStaysWithinOne() {
        NewcombeUplift all = NewcombeUplift.of(5, 5, 45, 0, Z);
        assertThat(all.uplift()).isEqualTo(1.0);
        assertThat(all.upper()).isEqualTo(1.0);
        assertThat(all.lower()).isBetween(0.5, 0.6);
    }

    @Test
    void withoutAnswersOnEitherSideThereIsNoUplift() {
        NewcombeUplift none = NewcombeUplift.of(4, 2, 0, 0, Z);
        assertThat(none.treatedRate()).isEqualTo(0.5);
        assertThat(none.controlRate()).isNull();
        assertThat(none.uplift()).isNull();
        assertThat(none.lower()).isNull();
        assertThat(none.enoughData()).isFalse();
    }

    /**
     * Computed by hand: Wilson 95 % of 12/40 = [0.1807, 0.4543], of 3/30 = [0.0346, 0.2562]; d = 0.3 − 0.1 = 0.2;
     * lower = 0.2 − √((0.3 − 0.1807)² + (0.2562 − 0.1)²) = 0.2 − √(0.01423 + 0.02440) = 0.0035;
     * upper = 0.2 + √((0.4543 − 0.3)² + (0.1 − 0.0346)²) = 0.2 + √(0.02381 + 0.00428) = 0.3676.
     */
    @Test
    void anOffersUpliftIsStatedOnceEachSideHasTheMinimumOfAnswers() {
        NewcombeUplift stated = NewcombeUplift.of(40, 12, 30, 3, Z, 30);
        assertThat(stated.enoughData()).isTrue();
        assertBounds(stated, 0.2, 0.0035, 0.3676);
        assertThat(stated.treatedRate()).isEqualTo(0.3);
        assertThat(stated.controlRate()).isEqualTo(0.1);
    }

    @Test
    void aSideBelowTheMinimumIsNotEnoughDataButItsRateIsStillGiven() {
        NewcombeUplift few = NewcombeUplift.of(40, 12, 29, 3, Z, 30);
        assertThat(few.enoughData()).isFalse();
        assertThat(few.uplift()).isNull();
        assertThat(few.lower()).isNull();
        assertThat(few.upper()).isNull();
        assertThat(few.controlRate()).isEqualTo(0.1034);
        assertThat(few.controlResponses()).isEqualTo(29);
        assertThat(NewcombeUplift.of(29, 12, 40, 3, Z, 30).enoughData()).isFalse();
        // a minimum of none still needs one answer a side
        assertThat(NewcombeUplift.of(1, 1, 0, 0, Z, 0).enoughData()).isFalse();
        assertThat(NewcombeUplift.of(1, 1, 1, 0, Z).enoughData()).isTrue();
    }

    @Test
    void aMonthSumsItsChannelsAndSharesTheRecoveredNegatives() {
        var month = new OfferMonth(YearMonth.of(2026, 6), List.of(new ChannelActivity("BRANCH", 3, 2, 3, 3, 2),
                new ChannelActivity("CALL_CENTER", 1, 1, 1, 1, 0)), new Counts(3, 2), new Counts(1, 0), new Recovery(4, 3, 1));
        assertThat(month.decisions()).isEqualTo(4);
        assertThat(month.presented()).isEqualTo(4);
        assertThat(month.answers()).isEqualTo(new Counts(4, 2));
        assertThat(month.answers().rate()).isEqualTo(0.5);
        assertThat(month.channels().get(1).acceptanceRate()).isEqualTo(0.0);
        assertThat(month.recovery().share()).isEqualTo(0.75);
        assertThat(month.recovery().acceptedShare()).isEqualTo(0.25);
        assertThat(new Recovery(0, 0, 0).share()).isNull();
        assertThat(month.uplift(Z).uplift()).isEqualTo(0.6667);
    }

    private static void assertBounds(NewcombeUplift u, double uplift, double lower, double upper) {
        assertThat(u.uplift()).isEqualTo(uplift);
        assertThat(u.lower()).isEqualTo(lower);
        assertThat(u.upper()).isEqualTo(upper);
    }
}
