package org.bankcrm.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * The two bad weeks of the demo bank, both inside the 28 days interaction-service's CX findings examine (and
 * compared with the 28 before): the mobile app is down for a week (outages, failed payments and log-ins, the
 * call centre flooded with the spill-over), and the busiest branch (home branch 1, the city centre) has long
 * queues for a week.
 */
public record BadWeeks(Instant outageFrom, Instant outageTo, Instant queuesFrom, Instant queuesTo, int queueBranch) {

    public static BadWeeks endingAt(Instant now) {
        return new BadWeeks(now.minus(Duration.ofDays(16)), now.minus(Duration.ofDays(9)),
                now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(1)), 1);
    }

    boolean outage(Instant at) {
        return !at.isBefore(outageFrom) && at.isBefore(outageTo);
    }

    boolean queues(Instant at, int branch) {
        return branch == queueBranch && !at.isBefore(queuesFrom) && at.isBefore(queuesTo);
    }
}
