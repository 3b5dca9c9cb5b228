package org.bankcrm.platform.jobs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A platform job's timer: a round every interval on Vert.x, never two rounds of one job at once (a round still running
 * when the timer fires again is left to finish), none after {@link #stop()}. A round that fails is logged; what it
 * did not do is left for the next round, so a round must be safe to repeat (rows it handles stay until it commits).
 * The job's own work (its statements, counters, what it logs on success) is the round's {@link Uni}.
 */
public final class PeriodicRounds {
    private static final Logger LOG = Logger.getLogger(PeriodicRounds.class);

    private final String job;
    private final Supplier<Uni<?>> round;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private Vertx vertx;
    private long timer = -1;

    /** {@code job} names the job in the log when a round fails (e.g. "inbox purge"). */
    public PeriodicRounds(String job, Supplier<Uni<?>> round) {
        this.job = job;
        this.round = round;
    }

    /** Starts the rounds: the first one {@code every} from now. */
    public void start(Vertx vertx, Duration every) {
        this.vertx = vertx;
        timer = vertx.setPeriodic(every.toMillis(), id -> runOnce());
    }

    /** No round starts after this; a round running goes on to its end, and may ask {@link #stopped()} to end early. */
    public void stop() {
        stopped = true;
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public boolean stopped() {
        return stopped;
    }

    /** One round now, unless one is running or the job is stopped: answers whether it started one. */
    public boolean runOnce() {
        if (stopped || !running.compareAndSet(false, true)) {
            return false;
        }
        Uni<?> work;
        try {
            work = round.get();
        } catch (RuntimeException e) {
            failed(e);
            return true;
        }
        work.subscribe().with(done -> running.set(false), this::failed);
        return true;
    }

    private void failed(Throwable error) {
        running.set(false);
        LOG.warnf("%s failed, what it did not do is left for the next round: %s", job, error.getMessage());
    }
}
