package org.bankcrm.platform.inbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bankcrm.platform.jobs.PeriodicRounds;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Forgets inbox rows older than {@code crm.inbox.retention} (31 days, above the fact topics' 30; a redelivery comes within minutes, a replay of
 * state-carrying events is held off by {@code applied_sequence}, which is never purged), every
 * {@code crm.inbox.purge-interval}, in batches of
 * {@code crm.inbox.purge-batch-size} rows, each its own short statement, so a large backlog neither holds locks for
 * long nor stops the consumers. Replicas share the rows ({@code skip locked}). Counted as {@code crm_inbox_purged_total}.
 */
@ApplicationScoped
public class InboxPurge {
    private static final Logger LOG = Logger.getLogger(InboxPurge.class);
    static final String PURGE_BATCH = """
            delete from inbox_event i
            using (select consumer, event_id from inbox_event where applied_at < $1
                   order by applied_at limit $2 for update skip locked) old
            where i.consumer = old.consumer and i.event_id = old.event_id
            """;

    private final Pool pool;
    private final Vertx vertx;
    private final InboxConfig config;
    private final Counter purged;
    private final PeriodicRounds rounds = new PeriodicRounds("inbox purge", this::round);

    public InboxPurge(Pool pool, Vertx vertx, InboxConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.purged = Counter.builder("crm.inbox.purged")
                .description("Inbox rows deleted after crm.inbox.retention").register(metrics);
    }

    void start(@Observes StartupEvent event) {
        rounds.start(vertx, config.purgeInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        rounds.stop();
    }

    /** One round now, unless one is running ({@link PeriodicRounds}); a failed one leaves the rows for the next. */
    void purge() {
        rounds.runOnce();
    }

    private Uni<Long> round() {
        return purgeAppliedBefore(Instant.now().minus(config.retention()), config.purgeBatchSize())
                .invoke(rows -> {
                    if (rows > 0) {
                        LOG.infof("purged %d inbox rows older than %s", rows, config.retention());
                    }
                });
    }

    /** Deletes the inbox rows applied before {@code cutoff}, {@code batchSize} at a time until none is left; yields how many. */
    public Uni<Long> purgeAppliedBefore(Instant cutoff, int batchSize) {
        return batch(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), batchSize, 0);
    }

    private Uni<Long> batch(OffsetDateTime cutoff, int batchSize, long sofar) {
        return pool.preparedQuery(PURGE_BATCH).execute(Tuple.of(cutoff, batchSize))
                .chain(result -> {
                    int deleted = result.rowCount();
                    purged.increment(deleted);
                    long total = sofar + deleted;
                    return deleted < batchSize || rounds.stopped() ? Uni.createFrom().item(total) : batch(cutoff, batchSize, total);
                });
    }
}
