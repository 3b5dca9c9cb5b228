package org.bankcrm.interaction.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The metric formulas on hand-computed cases. */
class CxCountsTest {
    static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    static Touchpoint answer(Integer csat, Integer nps, Valence valence, Cause cause) {
        return Touchpoint.of(new TouchpointContent(UUID.randomUUID(), UUID.randomUUID(), AT, Channel.BRANCH,
                TouchpointType.SURVEY_RESPONSE, Initiator.BANK, Need.OTHER, Outcome.RESOLVED, valence, cause, null, csat,
                nps, null, null), Touchpoint.Origin.REST, AT);
    }

    @Test
    void npsIsThePercentageOfPromotersMinusThePercentageOfDetractors() {
        // 10, 9 promoters; 8, 7 passives; 6, 0 detractors; 10 → 3 promoters, 2 passives, 2 detractors of 7
        CxCounts counts = CxCounts.ZERO;
        for (int score : new int[] { 10, 9, 8, 7, 6, 0, 10 }) {
            counts = counts.plus(CxCounts.of(answer(null, score, Valence.NEUTRAL, null)));
        }
        assertThat(counts.promoters()).isEqualTo(3);
        assertThat(counts.passives()).isEqualTo(2);
        assertThat(counts.detractors()).isEqualTo(2);
        assertThat(counts.nps()).isCloseTo(100.0 * (3 - 2) / 7, within(1e-9)); // 14.29
    }

    @Test
    void npsOfOnlyDetractorsIsMinusHundredAndWithoutAnswersThereIsNone() {
        assertThat(CxCounts.of(answer(null, 6, Valence.NEUTRAL, null)).nps()).isEqualTo(-100.0);
        assertThat(CxCounts.of(answer(4, null, Valence.NEUTRAL, null)).nps()).isNull();
    }

    @Test
    void csatIsTheAverageOfTheAnswersOnlyAndNotOfAllTouchpoints() {
        CxCounts counts = CxCounts.of(answer(5, null, Valence.POSITIVE, null))
                .plus(CxCounts.of(answer(2, null, Valence.NEGATIVE, Cause.BANK)))
                .plus(CxCounts.of(answer(null, null, Valence.NEUTRAL, null)));
        assertThat(counts.csatAverage()).isEqualTo(3.5);
        assertThat(counts.csatResponses()).isEqualTo(2);
    }

    @Test
    void firstContactResolutionIsTheShareOfClosedJourneysResolvedAtTheFirstContact() {
        Journey atFirst = Journey.begin(UUID.randomUUID(), contact(Outcome.RESOLVED), null);
        Journey atSecond = Journey.begin(UUID.randomUUID(), contact(Outcome.UNRESOLVED), null);
        atSecond.add(contact(Outcome.RESOLVED));
        Journey abandoned = Journey.begin(UUID.randomUUID(), contact(Outcome.UNRESOLVED), null);
        abandoned.abandon(AT);
        CxCounts counts = CxCounts.ofClosed(atFirst).plus(CxCounts.ofClosed(atSecond)).plus(CxCounts.ofClosed(abandoned));
        assertThat(counts.journeysClosed()).isEqualTo(3);
        assertThat(counts.journeysResolved()).isEqualTo(2);
        assertThat(counts.firstContactResolutionRate()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(CxCounts.ZERO.firstContactResolutionRate()).isNull();
    }

    @Test
    void repeatContactRateAndNegativeSharesAreSharesOfTouchpointsAndOfNegativeOnes() {
        Touchpoint repeat = contact(Outcome.RESOLVED);
        repeat.repeatContact = true;
        CxCounts counts = CxCounts.of(repeat)
                .plus(CxCounts.of(answer(null, null, Valence.NEGATIVE, Cause.BANK)))
                .plus(CxCounts.of(answer(null, null, Valence.NEGATIVE, Cause.CLIENT)))
                .plus(CxCounts.of(answer(null, null, Valence.NEGATIVE, Cause.BANK)));
        assertThat(counts.repeatContactRate()).isEqualTo(0.25);
        assertThat(counts.negativeShare()).isEqualTo(0.75);
        assertThat(counts.bankCausedShareOfNegative()).isCloseTo(2.0 / 3, within(1e-9));
    }

    static Touchpoint contact(Outcome outcome) {
        return Touchpoint.of(new TouchpointContent(UUID.randomUUID(), UUID.randomUUID(), AT, Channel.CHAT,
                TouchpointType.INQUIRY, Initiator.CLIENT, Need.CARDS, outcome, Valence.NEUTRAL, null, null, null, null,
                null, null), Touchpoint.Origin.REST, AT);
    }
}
