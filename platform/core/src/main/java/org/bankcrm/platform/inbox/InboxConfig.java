package org.bankcrm.platform.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Consumer-side tuning ({@code crm.inbox.*}). */
@ConfigMapping(prefix = "crm.inbox")
public interface InboxConfig {

    /**
     * How often an event whose effect failed for a reason that is neither its content nor a transient one (e.g. a
     * conflict the service does not recognise) is tried again before it goes to the DLQ. A transient failure
     * (database or broker unreachable, timeouts, lock conflicts) is retried for as long as it lasts, never
     * dead-lettered; a malformed event goes to the DLQ at once. The partition waits meanwhile, so the client's order holds.
     */
    @WithDefault("5")
    int retries();

    /** First pause between those tries; doubles up to {@link #maxRetryBackoff()}. */
    @WithDefault("200ms")
    Duration retryBackoff();

    @WithDefault("5s")
    Duration maxRetryBackoff();

    /** Longest pause between two tries of an event held up by a transient failure, and of a dead letter the broker did not take. */
    @WithDefault("10s")
    Duration maxTransientBackoff();

    /**
     * How long a consumer remembers an event it applied (its inbox row), so that a redelivery changes nothing. A fact
     * (a touchpoint, an answer) replayed from a topic's earliest offset after this is applied again: keep it above the
     * retention of the fact topics a consumer may be replayed from: 31 days, above the 30 of deploy/k8s's fact topics.
     */
    @WithDefault("31d")
    Duration retention();

    /** How often inbox rows older than {@link #retention()} are deleted. */
    @WithDefault("1h")
    Duration purgeInterval();

    /** Inbox rows deleted per statement of a purge (a round runs batches until none is left). */
    @WithDefault("10000")
    int purgeBatchSize();

    /**
     * The fewest clients a batch must hold for its consumer's prefetch to run (one statement for all of them instead of
     * one per client). Below it each effect reads its own client, as on the one-at-a-time path: for a handful of clients
     * the set-based read costs more CPU than the single ones it replaces (Hibernate builds and translates a multi-load's
     * SQL anew for every call, where a find by id reuses its plan), measured at the chain's 50 touchpoints/s with batches
     * of 4-6 events (docs/performance.md, 2026-12-07 11:37).
     */
    @WithDefault("8")
    int prefetchMinClients();

    /**
     * The most records a batch consumer applies in one transaction: the polls that came while it applied the last batch
     * are merged into the next one up to this many ({@link MergedBatches}); while this many wait, the connector holds its
     * next poll back (and pauses its partitions when its own queue is full). One poll is never split: a poll of more
     * (max.poll.records is 500) is one batch.
     */
    @WithDefault("500")
    int maxBatchRecords();

    DeadLetterConfig deadLetter();

    /** The platform's dead-letter producer ({@code crm.inbox.dead-letter.*}). */
    interface DeadLetterConfig {
        /** How many of a record's first bytes a reference keeps when the record is too large for its dead-letter topic. */
        @WithDefault("1024")
        int headBytes();

        /** Upper bound for one dead letter's delivery, retries included (producer delivery.timeout.ms). */
        @WithDefault("30s")
        Duration deliveryTimeout();

        /** How long a send may wait for broker metadata (producer max.block.ms). */
        @WithDefault("5s")
        Duration maxBlock();
    }
}
