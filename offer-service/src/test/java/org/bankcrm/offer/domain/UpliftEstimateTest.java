package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class UpliftEstimateTest {

    @Test
    void theIntervalIsTheDifferenceOfRatesPlusMinusZStandardErrors() {
        // model 150 of 1,000 (15 %), control 8 of 100 (8 %): se = sqrt(.15*.85/1000 + .08*.92/100) = 0.029385...
        UpliftEstimate uplift = UpliftEstimate.of(1000, 150, 100, 8, 1.96);
        double se = Math.sqrt(0.15 * 0.85 / 1000 + 0.08 * 0.92 / 100);
        assertThat(se).isCloseTo(0.0293854, offset(1e-6));
        assertThat(uplift.modelRate()).isCloseTo(0.15, offset(1e-12));
        assertThat(uplift.controlRate()).isCloseTo(0.08, offset(1e-12));
        assertThat(uplift.uplift()).isCloseTo(0.07, offset(1e-12));
        assertThat(uplift.lower()).isCloseTo(0.07 - 1.96 * se, offset(1e-12));
        assertThat(uplift.upper()).isCloseTo(0.07 + 1.96 * se, offset(1e-12));
        assertThat(uplift.lower()).as("significant at 95 %").isPositive();
        assertThat(UpliftEstimate.of(1000, 150, 100, 8, 2.576).lower()).as("not at 99 %").isNegative();
    }

    @Test
    void moreControlAnswersNarrowTheIntervalUntilTheUpliftIsSignificant() {
        UpliftEstimate uplift = UpliftEstimate.of(10_000, 1_500, 2_000, 160, 1.96);
        assertThat(uplift.uplift()).isCloseTo(0.07, offset(1e-12));
        assertThat(uplift.lower()).isPositive();
        assertThat(uplift.upper() - uplift.lower()).isLessThan(0.03);
    }

    @Test
    void theConfidenceLevelFollowsZ() {
        assertThat(UpliftEstimate.confidenceOf(1.96)).isCloseTo(0.95, offset(1e-4));
        assertThat(UpliftEstimate.confidenceOf(2.576)).isCloseTo(0.99, offset(1e-4));
        assertThat(UpliftEstimate.confidenceOf(1.0)).isCloseTo(0.6827, offset(1e-4));
        assertThat(UpliftEstimate.of(0, 0, 0, 0, 1.645).confidence()).isCloseTo(0.90, offset(1e-4));
    }

    @Test
    void withoutAnswersInEitherGroupThereIsNoUplift() {
        UpliftEstimate noControl = UpliftEstimate.of(10, 1, 0, 0, 1.96);
        assertThat(noControl.modelRate()).isCloseTo(0.1, offset(1e-12));
        assertThat(noControl.controlRate()).isNull();
        assertThat(noControl.uplift()).isNull();
        assertThat(noControl.lower()).isNull();
        assertThat(UpliftEstimate.of(0, 0, 5, 1, 1.96).uplift()).isNull();
    }
}
