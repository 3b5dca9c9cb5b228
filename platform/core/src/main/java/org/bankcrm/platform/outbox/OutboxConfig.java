package org.bankcrm.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tuning of the outbox relay ({@code crm.outbox.*}). */
@ConfigMapping(prefix = "crm.outbox")
public interface OutboxConfig {

    /** Switches the relay off, e.g. for a replica that should only serve reads. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Topics to connect to at start (besides those in the outbox's history), so the first event is fast. */
    java.util.Optional<java.util.List<String>> topics();

    /** Rows published per relay round; a full round triggers the next one at once. */
    @WithDefault("500")
    int batchSize();

    /** Recovery sweep: how often the relay looks for pending rows without being woken by a commit. */
    @WithDefault("5s")
    Duration sweepInterval();

    /** First pause after a failed round (broker unreachable); doubles up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** Published rows are kept this long for audit and replay, then deleted by the sweep. */
    @WithDefault("7d")
    Duration retention();

    /** Upper bound for one record's delivery, retries included (producer delivery.timeout.ms). */
    @WithDefault("30s")
    Duration deliveryTimeout();

    /** How long a send may wait for broker metadata (producer max.block.ms). */
    @WithDefault("5s")
    Duration maxBlock();
}
