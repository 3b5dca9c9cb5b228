package org.bankcrm.loyalty.app;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Every {@code crm.loyalty.churn.labelling-interval}, labels negative the snapshots of clients still here a horizon
 * later ({@link ChurnLearning#labelStayers}), in rounds of {@code labelling-batch} clients, one transaction each.
 */
@ApplicationScoped
public class ChurnStayersLabelling {
    private static final Logger LOG = Logger.getLogger(ChurnStayersLabelling.class);

    private final ChurnLearning learning;
    private final LoyaltyConfig config;
    private ScheduledExecutorService executor;

    public ChurnStayersLabelling(ChurnLearning learning, LoyaltyConfig config) {
        this.learning = learning;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "churn-stayers-labelling"));
        long every = config.churn().labellingInterval().toMillis();
        executor.scheduleWithFixedDelay(this::labelAll, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Labels rounds until one comes back short; a failure waits for the next interval. */
    public void labelAll() {
        try {
            runNow();
        } catch (Throwable e) {
            LOG.warnf("labelling churn stayers failed, retried at the next interval: %s", e.toString());
        }
    }

    /**
     * One labelling run now, on the caller's (worker) thread: rounds until one comes back short; answers how many
     * stayers were labelled. One run at a time per instance (the scheduled one and an operator's).
     */
    public synchronized int runNow() throws Throwable {
        int batch = config.churn().labellingBatch();
        int total = 0;
        int labelled;
        do {
            labelled = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> learning.labelStayers(batch)));
            total += labelled;
        } while (labelled == batch);
        if (total > 0) {
            // a run brings many stayers at once, after the leavers: consolidate so the order does not bias the model
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(learning::refit));
        }
        return total;
    }
}
