package org.bankcrm.client.app;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.Segment;
import org.bankcrm.client.store.ClientRepository;
import org.bankcrm.client.store.SegmentRepository;
import org.bankcrm.platform.store.ClientLocks;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Recomputes one segment's membership for every live client in the background, after its definition
 * changed: batches of clients in id order, each batch one transaction with its membership changes, its
 * {@code crm.client.segment-changed} events and the progress on the segment row. Jobs run one at a time;
 * a job whose segment changed again meanwhile stops and leaves the work to the newer job. Segments left
 * PENDING or RUNNING (a restart) are taken up at start.
 */
@ApplicationScoped
public class SegmentRecomputation {
    private static final Logger LOG = Logger.getLogger(SegmentRecomputation.class);

    private final SegmentRepository segments;
    private final ClientRepository clients;
    private final SegmentAssignment assignment;
    private final ClientValuation valuation;
    private final ClientLocks locks;
    private final int batchSize;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "segment-recomputation"));
    private final Clock clock = Clock.systemUTC();

    public SegmentRecomputation(SegmentRepository segments, ClientRepository clients, SegmentAssignment assignment,
            ClientValuation valuation, ClientLocks locks,
            @ConfigProperty(name = "crm.client.segments.recompute-batch-size", defaultValue = "500") int batchSize) {
        this.locks = locks;
        this.segments = segments;
        this.clients = clients;
        this.assignment = assignment;
        this.valuation = valuation;
        this.batchSize = batchSize;
    }

    void onStart(@Observes StartupEvent start) {
        worker.submit(() -> {
            try {
                List<Segment> waiting = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                        () -> segments.list("recomputeStatus in ?1", List.of(Segment.Recompute.PENDING, Segment.Recompute.RUNNING))));
                waiting.forEach(s -> run(s.id, s.version));
            } catch (Throwable e) {
                LOG.errorf(e, "cannot look for segments to recompute");
            }
        });
    }

    void onStop(@Observes ShutdownEvent stop) {
        worker.shutdownNow();
    }

    /** Queues the recomputation of {@code segmentId} as of {@code version}. */
    public void start(UUID segmentId, int version) {
        worker.submit(() -> run(segmentId, version));
    }

    private void run(UUID segmentId, int version) {
        try {
            Boolean started = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> segment(segmentId)
                    .chain(segment -> {
                        if (segment == null || segment.version != version) {
                            return Uni.createFrom().item(false);
                        }
                        return clients.count("erasedAt is null").map(total -> {
                            segment.recomputeStatus = Segment.Recompute.RUNNING;
                            segment.recomputeVersion = version;
                            segment.recomputeTotal = total;
                            segment.recomputeDone = 0;
                            segment.recomputeError = null;
                            segment.recomputeStartedAt = clock.instant();
                            segment.recomputeFinishedAt = null;
                            return true;
                        });
                    })));
            if (!started) {
                return;
            }
            // PostgreSQL orders uuids by their unsigned bytes: the all-zero uuid is the smallest
            UUID after = new UUID(0L, 0L);
            while (true) {
                UUID from = after;
                UUID last = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> batch(segmentId, version, from)));
                if (last == null) {
                    break;
                }
                after = last;
            }
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> segment(segmentId)
                    .invoke(segment -> {
                        if (segment.version == version) {
                            segment.recomputeStatus = Segment.Recompute.DONE;
                            segment.recomputeFinishedAt = clock.instant();
                        }
                    })));
        } catch (Throwable e) {
            LOG.errorf(e, "recomputation of segment %s version %d failed", segmentId, version);
            try {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> segment(segmentId)
                        .invoke(segment -> {
                            if (segment != null && segment.version == version) {
                                segment.recomputeStatus = Segment.Recompute.FAILED;
                                segment.recomputeError = String.valueOf(e.getMessage());
                                segment.recomputeFinishedAt = clock.instant();
                            }
                        })));
            } catch (Throwable ignored) {
                // the status stays RUNNING and the next start takes the job up again
            }
        }
    }

    /** One batch after {@code after} in id order; the last id done, or null when there was none left or the job is stale. */
    private Uni<UUID> batch(UUID segmentId, int version, UUID after) {
        return segment(segmentId).chain(segment -> {
            if (segment.version != version) {
                return Uni.createFrom().nullItem();
            }
            return clients.liveIdsAfter(after, batchSize).chain(ids -> {
                if (ids.isEmpty()) {
                    return Uni.createFrom().nullItem();
                }
                // ids first, then their locks, then the clients: each is read as its last committed change left it
                return locks.lockAll(ids).chain(() -> clients.liveAmong(ids))
                        .chain(batch -> assignment.recompute(batch, SegmentAssignment.rules(List.of(segment)))
                                .call(changes -> revalue(batch, changes.keySet())))
                        .invoke(changes -> segment.recomputeDone += ids.size())
                        .replaceWith(ids.get(ids.size() - 1));
            });
        });
    }

    /** The segment under its row lock: each transaction here writes the row, which must not undo a redefinition committed meanwhile. */
    private Uni<Segment> segment(UUID segmentId) {
        return segments.findById(segmentId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The products a client is expected to hold come from their segments, so the value (product gap) of the
     * clients who joined or left is recomputed in the same transaction; {@code crm.client.value-changed} goes
     * out where it moved.
     */
    private Uni<Void> revalue(List<Client> batch, java.util.Set<UUID> changed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Client client : batch) {
            if (changed.contains(client.id)) {
                chain = chain.chain(() -> valuation.recompute(client)).replaceWithVoid();
            }
        }
        return chain;
    }
}
