package org.bankcrm.client.app;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bankcrm.client.domain.ValueRecomputationRun;
import org.bankcrm.client.store.ClientRows;
import org.bankcrm.client.store.ValueRecomputationRuns;
import org.bankcrm.platform.store.ClientLocks;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Recomputes every live client's value in the background, so that value follows the calendar: the
 * trailing window of profitability and the age behind the life stage move even when nothing about the
 * client changes. Runs monthly on a schedule ({@code crm.client.value.recompute.cron}, by default at 02:00
 * UTC on the 1st) or when asked for. Pages of {@code crm.client.value.recompute.batch-size} clients in id
 * order, each page one transaction with the new values, one {@code crm.client.value-changed} per client
 * whose value a consumer would see change (through the outbox) and the run's progress. One run at a time;
 * a run left PENDING or RUNNING (a restart) is taken up at start where it stopped; replicas that take up the same
 * run share its pages (each page reads and moves the run's stored position under the run row's lock).
 */
@ApplicationScoped
public class ValueRecomputation {
    private static final Logger LOG = Logger.getLogger(ValueRecomputation.class);

    /** The run asked for, and whether this request created it (false: one was already waiting or running). */
    public record Requested(ValueRecomputationRun run, boolean created) {
    }

    private final Pool pool;
    private final ClientRows rows;
    private final ValueRecomputationRuns runs;
    private final ClientValuation valuation;
    private final ClientLocks locks;
    private final int batchSize;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "value-recomputation");
        t.setDaemon(true); // a run stopped with the process is taken up at the next start
        return t;
    });
    private final Clock clock = Clock.systemUTC();

    public ValueRecomputation(Pool pool, ClientRows rows, ValueRecomputationRuns runs, ClientValuation valuation,
            ClientLocks locks, @ConfigProperty(name = "crm.client.value.recompute.batch-size", defaultValue = "1000") int batchSize) {
        this.locks = locks;
        this.pool = pool;
        this.rows = rows;
        this.valuation = valuation;
        this.runs = runs;
        this.batchSize = batchSize;
    }

    void onStart(@Observes StartupEvent start) {
        takeUpActive();
    }

    /** Takes up the run waiting or running, if any (as every replica does at start), on this instance's worker. */
    public void takeUpActive() {
        worker.submit(() -> {
            try {
                runs.active(pool).await().indefinitely().ifPresent(run -> run(run.id()));
            } catch (Throwable e) {
                LOG.errorf(e, "cannot look for a value recomputation to take up");
            }
        });
    }

    void onStop(@Observes ShutdownEvent stop) {
        worker.shutdownNow();
    }

    @Scheduled(cron = "{crm.client.value.recompute.cron}", identity = "value-recomputation",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> monthly() {
        return request(ValueRecomputationRun.Trigger.SCHEDULE).invoke(requested -> {
            if (!requested.created()) {
                LOG.infof("monthly value recomputation not started: run %s is still %s", requested.run().id(),
                        requested.run().status());
            }
        }).replaceWithVoid();
    }

    /** Queues a run, unless one is waiting or running already (then that one is returned). */
    public Uni<Requested> request(ValueRecomputationRun.Trigger trigger) {
        return pool.withTransaction(connection -> runs.request(connection, trigger, clock.instant())
                .chain(created -> created.isPresent() ? Uni.createFrom().item(new Requested(created.get(), true))
                        : runs.active(connection).map(active -> new Requested(active.orElseThrow(
                                () -> new IllegalStateException("no value recomputation waiting or running")), false))))
                .invoke(requested -> {
                    if (requested.created()) {
                        UUID id = requested.run().id();
                        worker.submit(() -> run(id));
                    }
                });
    }

    public Uni<Optional<ValueRecomputationRun>> find(UUID id) {
        return runs.find(pool, id);
    }

    public Uni<List<ValueRecomputationRun>> latest(int limit) {
        return runs.latest(pool, limit);
    }

    private void run(UUID id) {
        try {
            Optional<ValueRecomputationRuns.Cursor> started = pool.withTransaction(
                    connection -> runs.start(connection, id, clock.instant())).await().indefinitely();
            if (started.isEmpty()) {
                return;
            }
            while (true) {
                // each page goes on from the position stored with the run, under the run row's lock: another replica
                // working the same run waits, then goes on after this page, so no page is done twice
                UUID last = pool.withTransaction(connection -> runs.lockPosition(connection, id).chain(position -> {
                    if (position.isEmpty()) {
                        return Uni.createFrom().<UUID> nullItem();
                    }
                    // PostgreSQL orders uuids by their unsigned bytes: the all-zero uuid is the smallest
                    UUID from = position.get().lastClientId() == null ? new UUID(0L, 0L) : position.get().lastClientId();
                    return rows.liveAfter(connection, from, batchSize).chain(page -> {
                        if (page.isEmpty()) {
                            return Uni.createFrom().<UUID> nullItem();
                        }
                        UUID lastId = page.get(page.size() - 1).id;
                        List<UUID> ids = page.stream().map(c -> c.id).toList();
                        // the page's locks, then the page read again: each value rests on the client's last committed change
                        return locks.lockAll(connection, ids).chain(() -> rows.liveAmong(connection, ids))
                                .chain(locked -> valuation.recomputeAll(connection, locked))
                                .call(changed -> runs.progress(connection, id, page.size(), changed, lastId))
                                .replaceWith(lastId);
                    });
                })).await().indefinitely();
                if (last == null) {
                    break;
                }
            }
            pool.withTransaction(connection -> runs.finish(connection, id, ValueRecomputationRun.Status.DONE, null, clock.instant()))
                    .await().indefinitely();
        } catch (Throwable e) {
            LOG.errorf(e, "value recomputation %s failed", id);
            try {
                pool.withTransaction(connection -> runs.finish(connection, id, ValueRecomputationRun.Status.FAILED,
                        String.valueOf(e.getMessage()), clock.instant())).await().indefinitely();
            } catch (Throwable ignored) {
                // the run stays RUNNING and the next start takes it up again
            }
        }
    }
}
