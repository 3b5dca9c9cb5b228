package org.bankcrm.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class StoredPosteriorTest {
    /** A model state with an intercept before its keyed coefficients. */
    static class State extends StoredPosterior {
        double[][] read(List<String> keys, double[] priorMean, double[] priorPrecision) {
            double[] m = priorMean.clone();
            double[] p = priorPrecision.clone();
            m[0] = storedMean()[0];
            p[0] = storedPrecision()[0];
            byKey(storedKeys(), storedMean(), keys, m, 1);
            byKey(storedKeys(), storedPrecision(), keys, p, 1);
            return new double[][] { m, p };
        }
    }

    @Test
    void aStoredPosteriorReadsBackByKeyWhateverTheOrderOfTodaysKeys() {
        State state = new State();
        Instant at = Instant.parse("2026-12-07T06:00:00Z");
        state.storePosterior(List.of("age", "balance"), new double[] { 0.5, 1.25, -2.0 }, new double[] { 3, 4, 5 }, at);

        double[][] read = state.read(List.of("balance", "age"), new double[3], new double[] { 1, 1, 1 });

        assertThat(read[0]).containsExactly(0.5, -2.0, 1.25);
        assertThat(read[1]).containsExactly(3, 5, 4);
        assertThat(state.updatedAt).isEqualTo(at);
        assertThat(state.features).isEqualTo("age,balance");
    }

    @Test
    void aKeyAddedSinceKeepsItsPriorAndAKeyNoLongerUsedIsDropped() {
        State state = new State();
        state.storePosterior(List.of("age", "market_DE"), new double[] { 0.1, 0.7, 0.9 }, new double[] { 2, 6, 8 },
                Instant.EPOCH);

        double[][] read = state.read(List.of("age", "market_FR"), new double[] { 0, 0, -0.3 }, new double[] { 1, 1, 1.5 });

        assertThat(read[0]).containsExactly(0.1, 0.7, -0.3);
        assertThat(read[1]).containsExactly(2, 6, 1.5);
    }

    @Test
    void nothingIsStoredBeforeTheFirstStore() {
        assertThat(new State().storedKeys()).isEmpty();
    }
}
