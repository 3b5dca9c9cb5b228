package org.bankcrm.interaction.app;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bankcrm.interaction.store.CxCounterStore;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Every {@code crm.interaction.metrics.compact-interval} (and a minute after the start), folds the counter shards
 * of the days before yesterday into one row per cell: today's and yesterday's cells stay spread over shards, where
 * the touchpoints arrive, and a report over past days reads one row per cell. Runs on a thread of its own; an
 * interval of 0 switches it off (the tests call the store's compaction themselves).
 */
@ApplicationScoped
public class CxCounterCompaction {
    private static final Logger LOG = Logger.getLogger(CxCounterCompaction.class);
    private static final Duration FIRST_AFTER = Duration.ofMinutes(1);

    private final CxCounterStore counters;
    private final InteractionConfig config;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;

    public CxCounterCompaction(CxCounterStore counters, InteractionConfig config) {
        this.counters = counters;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.metrics().compactInterval().isZero()) {
            LOG.info("CX counter compaction off (crm.interaction.metrics.compact-interval=0)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cx-counter-compaction");
            t.setDaemon(true);
            return t;
        });
        long every = config.metrics().compactInterval().toMillis();
        timer.scheduleWithFixedDelay(this::compact, Math.min(every, FIRST_AFTER.toMillis()), every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One round: the days before yesterday (UTC). */
    int compact() {
        LocalDate before = LocalDate.now(clock).minusDays(1);
        try {
            int cells = counters.compact(before).await().atMost(Duration.ofMinutes(5));
            if (cells > 0) {
                LOG.debugf("compacted the CX counters of %d cells before %s", cells, before);
            }
            return cells;
        } catch (Throwable e) {
            LOG.warnf("CX counter compaction failed, the next round tries again: %s", e.getMessage());
            return 0;
        }
    }
}
