package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;

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
}
