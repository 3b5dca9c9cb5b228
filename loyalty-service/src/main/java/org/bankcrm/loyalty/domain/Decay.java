package org.bankcrm.loyalty.domain;

import java.time.Duration;
import java.time.Instant;

/** Exponential decay by half-life: an event's weight halves every half-life, so recent events weigh more. */
public final class Decay {
    private Decay() {
    }

    /** The factor a weight recorded at {@code from} has at {@code to}; 1 when {@code to} is not later. */
    public static double factor(Instant from, Instant to, Duration halfLife) {
        if (from == null || to == null || !to.isAfter(from) || halfLife.isZero() || halfLife.isNegative()) {
            return 1.0;
        }
        double elapsed = Duration.between(from, to).toMillis();
        return Math.pow(2.0, -elapsed / halfLife.toMillis());
    }
}
