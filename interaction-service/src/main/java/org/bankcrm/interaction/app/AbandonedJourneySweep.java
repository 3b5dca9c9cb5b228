package org.bankcrm.interaction.app;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Every {@code crm.interaction.journey.sweep-interval}, closes the journeys of clients who did not come back
 * on a need within the journey window, so that abandoned journeys are announced and counted without waiting
 * for the client's next contact. Runs on a thread of its own; the database work on a Vert.x context.
 */
@ApplicationScoped
public class AbandonedJourneySweep {
    private static final Logger LOG = Logger.getLogger(AbandonedJourneySweep.class);

    private final TouchpointLog log;
    private final InteractionConfig config;
    private ScheduledExecutorService timer;

    public AbandonedJourneySweep(TouchpointLog log, InteractionConfig config) {
        this.log = log;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "abandoned-journey-sweep");
            t.setDaemon(true);
            return t;
        });
        long every = config.journey().sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void sweep() {
        int batch = config.journey().sweepBatchSize();
        try {
            int closed;
            do {
                closed = VertxContextSupport.subscribeAndAwait(() -> log.closeAbandonedJourneys(batch));
                if (closed > 0) {
                    LOG.debugf("closed %d abandoned journeys", closed);
                }
            } while (closed == batch && !Thread.currentThread().isInterrupted());
        } catch (Throwable e) {
            LOG.warnf("abandoned journey sweep failed, the next round tries again: %s", e.getMessage());
        }
    }
}
