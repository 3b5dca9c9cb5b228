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

    /**
     * Shards of the outbox by the event's key (the client): a relay publishes a shard's rows only while it holds
     * that shard's lock, so replicas share the publishing, shard by shard, and one client's events (one key, one
     * shard) still leave in order. 1 = one relay at a time publishes everything.
     */
    @WithDefault("16")
    int relayShards();

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
