package org.bankcrm.client.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bankcrm.client.domain.AccessRecord;
import org.bankcrm.client.store.AccessAuditLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Writes audit entries before the answer leaves: {@link #record} inserts them on the reactive pool and the response
 * filter waits for it, so a crash after the answer loses no entry. When the database refuses the insert, the entries
 * are queued in memory and retried every {@code crm.client.audit.flush-interval} (and at a stop), and the caller is
 * told ({@code false}) so that a read can be withheld rather than served without a durable trail.
 */
@ApplicationScoped
public class AccessAudit {
    private static final Logger LOG = Logger.getLogger(AccessAudit.class);

    private final AccessAuditLog log;
    private final Vertx vertx;
    private final long flushMillis;
    private final int batchSize;
    private final int maxQueued;
    private final ConcurrentLinkedQueue<AccessRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Counter written;
    private final Counter dropped;

    public AccessAudit(AccessAuditLog log, Vertx vertx, MeterRegistry metrics,
            @ConfigProperty(name = "crm.client.audit.flush-interval", defaultValue = "100ms") Duration flushInterval,
            @ConfigProperty(name = "crm.client.audit.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "crm.client.audit.max-queued", defaultValue = "100000") int maxQueued) {
        this.log = log;
        this.vertx = vertx;
        this.flushMillis = Math.max(1, flushInterval.toMillis());
        this.batchSize = batchSize;
        this.maxQueued = maxQueued;
        this.written = metrics.counter("crm_audit_written_total");
        this.dropped = metrics.counter("crm_audit_dropped_total");
        metrics.gauge("crm_audit_queued", queued);
    }

    /**
     * Writes the entries now; emits true once they are committed, false when the database refused them and they wait
     * in memory for the next round (never a failure: an audit problem must not turn a done change into an error).
     */
    public Uni<Boolean> record(List<AccessRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return log.append(records)
                .invoke(() -> written.increment(records.size()))
                .replaceWith(true)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("audit write of %d entries failed, kept for a retry: %s", records.size(), e.getMessage());
                    queue(records);
                    return false;
                });
    }

    private void queue(List<AccessRecord> records) {
        for (AccessRecord record : records) {
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                dropped.increment();
                LOG.errorf("audit queue full (%d entries, database unreachable?): an entry of %s %s was dropped",
                        maxQueued, record.method(), record.route());
                continue;
            }
            queue.add(record);
        }
        schedule();
    }

    private void schedule() {
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            vertx.setTimer(flushMillis, id -> flush().subscribe().with(
                    done -> {
                        scheduled.set(false);
                        schedule();
                    },
                    failure -> {
                        scheduled.set(false);
                        schedule();
                    }));
        }
    }

    /** Writes what is queued, a batch at a time; entries of a failed batch go back to the queue. */
    Uni<Void> flush() {
        List<AccessRecord> batch = new ArrayList<>(Math.min(batchSize, queued.get()));
        AccessRecord next;
        while (batch.size() < batchSize && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return log.append(batch)
                .invoke(() -> {
                    queued.addAndGet(-batch.size());
                    written.increment(batch.size());
                })
                .onFailure().invoke(e -> {
                    queue.addAll(batch);
                    LOG.warnf("audit write of %d entries failed, retried in the next round: %s", batch.size(), e.getMessage());
                })
                .chain(() -> queue.isEmpty() ? Uni.createFrom().voidItem() : flush());
    }

    void writeRemaining(@Observes ShutdownEvent stop) {
        if (!queue.isEmpty()) {
            try {
                flush().await().atMost(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.errorf("%d audit entries could not be written before the stop: %s", queued.get(), e.getMessage());
            }
        }
    }
}
