package org.bankcrm.client.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One recomputation of every live client's value, so that value follows the calendar (the trailing
 * window moves every month): why it ran, where it stands and how many values changed.
 */
public record ValueRecomputationRun(UUID id, Trigger trigger, Status status, long total, long done, long changed,
        String error, Instant requestedAt, Instant startedAt, Instant finishedAt) {

    public enum Trigger {
        /** The monthly schedule. */
        SCHEDULE,
        /** Asked for through the API. */
        MANUAL
    }

    public enum Status {
        PENDING, RUNNING, DONE, FAILED
    }

    /** Share of the live clients done, 0-1 (1 once done, also when there was no one). */
    public double progress() {
        if (status == Status.DONE) {
            return 1.0;
        }
        return total == 0 ? 0.0 : Math.min(1.0, (double) done / total);
    }
}
