package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChannelFeaturesTest {
    final ChannelFeatures allowed = new ChannelFeatures(Map.of("sessionMinutes", new ChannelFeatures.Range(0, 480),
            "reachedOnMobile", new ChannelFeatures.Range(0, 1)));

    @Test
    void allowedNamesWithinTheirRangesPass() {
        assertThat(allowed.firstRejected(Map.of("sessionMinutes", 12.5, "reachedOnMobile", 1.0))).isEmpty();
        assertThat(allowed.firstRejected(Map.of())).isEmpty();
    }

    @Test
    void aNameOutsideTheAllowListIsRejectedByName() {
        var rejected = allowed.firstRejected(Map.of("creditScore", 700.0)).orElseThrow();
        assertThat(rejected.name()).isEqualTo("creditScore");
        assertThat(rejected.reason()).contains("reachedOnMobile, sessionMinutes");
    }

    @Test
    void aValueOutsideItsRangeIsRejected() {
        assertThat(allowed.firstRejected(Map.of("sessionMinutes", 481.0)).orElseThrow().reason()).contains("between 0.0 and 480.0");
        assertThat(allowed.firstRejected(Map.of("sessionMinutes", -1.0))).isPresent();
    }

    @Test
    void aMissingOrNonFiniteValueIsRejected() {
        Map<String, Double> missing = new HashMap<>();
        missing.put("sessionMinutes", null);
        assertThat(allowed.firstRejected(missing).orElseThrow().reason()).isEqualTo("must be a finite number");
        assertThat(allowed.firstRejected(Map.of("sessionMinutes", Double.POSITIVE_INFINITY))).isPresent();
        assertThat(allowed.firstRejected(Map.of("sessionMinutes", Double.NaN))).isPresent();
    }

    @Test
    void aMeasureAlsoGetsItsBandAndAFlagDoesNot() {
        ChannelFeatures banded = new ChannelFeatures(Map.of("sessionMinutes", new ChannelFeatures.Range(0, 480),
                "reachedOnMobile", new ChannelFeatures.Range(0, 1)), 4);
        assertThat(banded.modelNames()).containsExactly("context.reachedOnMobile", "context.sessionMinutes",
                "context.sessionMinutes:band1", "context.sessionMinutes:band2", "context.sessionMinutes:band3",
                "context.sessionMinutes:band4");
        // 130 of 0..480 lies in the second quarter; the top of the range in the last band, not past it
        assertThat(banded.scaled(Map.of("sessionMinutes", 130.0, "reachedOnMobile", 1.0)))
                .containsExactly(1.0, 130.0 / 480, 0, 1, 0, 0);
        assertThat(banded.scaled(Map.of("sessionMinutes", 480.0))).containsExactly(0, 1.0, 0, 0, 0, 1);
        assertThat(banded.scaled(Map.of("sessionMinutes", 0.0))).containsExactly(0, 0, 1, 0, 0, 0);
        // not told: no evidence, in the bands too
        assertThat(banded.scaled(Map.of())).containsOnly(0.0);
    }

    @Test
    void withoutBandsTheFeaturesStayLinearAndBandsMustNotBeNegative() {
        assertThat(allowed.modelNames()).containsExactly("context.reachedOnMobile", "context.sessionMinutes");
        assertThat(allowed.scaled(Map.of("sessionMinutes", 240.0))).containsExactly(0, 0.5);
        assertThatThrownBy(() -> new ChannelFeatures(Map.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
