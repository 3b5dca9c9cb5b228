package org.bankcrm.loyalty.app;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.Recomputation;
import org.bankcrm.loyalty.store.ClientProfileRepository;
import org.bankcrm.loyalty.store.RecomputationRepository;
import org.bankcrm.platform.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Rescoring every client, e.g. after a change of the weights: a background job that takes the clients in
 * batches (one transaction each, the client's lock taken as by the consumers) and records its progress.
 * Scores that change are kept in the history and published with triggerEventType crm.loyalty.recomputation.
 */
@ApplicationScoped
public class Recomputations {
    private static final Logger LOG = Logger.getLogger(Recomputations.class);

    private final RecomputationRepository jobs;
    private final ClientProfileRepository profiles;
    private final LoyaltyLedger ledger;
    private final int batchSize;
    private final Clock clock = Clock.systemUTC();
    // one job at a time per instance: a recomputation is rare and must not starve the event consumers
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "loyalty-recomputation"));

    public Recomputations(RecomputationRepository jobs, ClientProfileRepository profiles, LoyaltyLedger ledger,
            @ConfigProperty(name = "crm.loyalty.recomputation.batch-size", defaultValue = "200") int batchSize) {
        this.jobs = jobs;
        this.profiles = profiles;
        this.ledger = ledger;
        this.batchSize = batchSize;
    }

    /** Records a new job; {@link #run} starts it once this transaction committed. */
    @WithTransaction
    public Uni<Recomputation> start() {
        return profiles.count().chain(total -> jobs.persist(Recomputation.started(UUID.randomUUID(), total, clock.instant())));
    }

    @WithSession
    public Uni<Recomputation> find(UUID id) {
        return jobs.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("recomputation", id));
    }

    /** Runs the job in the background, batch after batch, until no client is left. */
    public void run(UUID jobId) {
        worker.submit(() -> {
            try {
                boolean more = true;
                while (more) {
                    more = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> batch(jobId)));
                }
                LOG.infof("recomputation %s done", jobId);
            } catch (Throwable e) {
                LOG.errorf(e, "recomputation %s failed", jobId);
                try {
                    VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> jobs.findById(jobId)
                            .invoke(job -> job.failed(String.valueOf(e.getMessage()), clock.instant()))));
                } catch (Throwable ignored) {
                    LOG.errorf("recomputation %s: its failure could not be recorded", jobId);
                }
            }
        });
    }

    /** One batch: rescores the next clients and records the progress; emits whether clients are left. */
    private Uni<Boolean> batch(UUID jobId) {
        return jobs.findById(jobId).chain(job -> profiles.idsAfter(job.lastClientId, batchSize).chain(ids -> {
            if (ids.isEmpty()) {
                job.finished(clock.instant());
                return Uni.createFrom().item(false);
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID clientId : ids) {
                chain = chain.chain(() -> ledger.recompute(clientId, jobId));
            }
            return chain.invoke(() -> job.progressed(ids.size(), last(ids))).replaceWith(true);
        }));
    }

    private static UUID last(List<UUID> ids) {
        return ids.get(ids.size() - 1);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
