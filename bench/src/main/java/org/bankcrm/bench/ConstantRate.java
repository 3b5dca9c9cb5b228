package org.bankcrm.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Constant-rate load without coordinated omission: operation {@code i} is due at {@code start + i / rate}, whether or not
 * earlier ones have finished, and its latency counts from that intended time, so a stall shows up in the latency of
 * every operation that should have started during it. Operations are asynchronous; the dispatcher never waits for one.
 *
 * <p>The first {@code warmUp} of the run is not recorded; the {@code steady} period after it is.
 */
final class ConstantRate {

    /** Starts operation {@code sequence}, due at {@code intendedNanos} ({@link System#nanoTime()} clock). */
    interface Operation {
        CompletableFuture<?> start(long sequence, long intendedNanos);
    }

    /** What one run achieved: latency from the intended start to completion, and the errors by kind. */
    record Result(double targetRate, double achievedRate, long recorded, long succeeded, long failed,
            Map<String, Long> errors, Latencies.Summary latency, long steadyFromNanos, long steadyToNanos) {
    }

    private ConstantRate() {
    }

    /** Nanos between two intended starts at {@code rate} per second. */
    static double periodNanos(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        return 1_000_000_000.0 / rate;
    }

    /** How many operations a run of {@code duration} at {@code rate} starts. */
    static long operations(double rate, Duration duration) {
        return (long) Math.floor(duration.toNanos() / periodNanos(rate));
    }

    /**
     * Runs {@code operation} at {@code rate} per second for {@code warmUp + steady}, then waits up to {@code drain}
     * for the operations still in flight (those still running then count as errors "timed out").
     * At most {@code maxInFlight} operations run at once; an operation due while that many are in flight is not
     * started and counts as an error "overloaded".
     */
    static Result run(double rate, Duration warmUp, Duration steady, Duration drain, int maxInFlight, Operation operation) {
        return run(rate, warmUp, steady, () -> false, drain, maxInFlight, operation);
    }

    /**
     * As {@link #run(double, Duration, Duration, Duration, int, Operation)}, recording from the start, until {@code stop}
     * says so (checked before each operation) or {@code longest} has passed: load beside something else, as long as
     * that lasts. The achieved rate is over the time it ran.
     */
    static Result runUntil(double rate, BooleanSupplier stop, Duration longest, Duration drain, int maxInFlight,
            Operation operation) {
        return run(rate, Duration.ZERO, longest, stop, drain, maxInFlight, operation);
    }

    private static Result run(double rate, Duration warmUp, Duration steady, BooleanSupplier stop, Duration drain,
            int maxInFlight, Operation operation) {
        double period = periodNanos(rate);
        long total = operations(rate, warmUp.plus(steady));
        long start = System.nanoTime() + 5_000_000;
        long steadyFrom = start + warmUp.toNanos();
        long steadyTo = steadyFrom + steady.toNanos();
        Latencies latencies = new Latencies();
        LongAdder succeeded = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicLong inFlight = new AtomicLong();
        Map<String, Long> errors = new ConcurrentHashMap<>();

        long stoppedAt = steadyTo;
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * period);
            if (stop.getAsBoolean()) {
                stoppedAt = Math.max(steadyFrom, Math.min(steadyTo, System.nanoTime()));
                break;
            }
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            boolean recorded = intended >= steadyFrom && intended < steadyTo;
            if (inFlight.get() >= maxInFlight) {
                if (recorded) {
                    failed.increment();
                    errors.merge("overloaded (" + maxInFlight + " in flight)", 1L, Long::sum);
                }
                continue;
            }
            inFlight.incrementAndGet();
            CompletableFuture<?> future;
            try {
                future = operation.start(i, intended);
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((ignored, error) -> {
                long done = System.nanoTime();
                inFlight.decrementAndGet();
                if (!recorded) {
                    return;
                }
                if (error == null) {
                    succeeded.increment();
                    latencies.recordNanos(done - intended);
                } else {
                    failed.increment();
                    errors.merge(describe(error), 1L, Long::sum);
                }
            });
        }
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(1_000_000);
        }
        long stillRunning = inFlight.get();
        if (stillRunning > 0) {
            errors.merge("timed out (still running after the drain)", stillRunning, Long::sum);
        }
        double steadySeconds = Math.max(1, stoppedAt - steadyFrom) / 1e9;
        return new Result(rate, succeeded.sum() / steadySeconds, succeeded.sum() + failed.sum() + stillRunning,
                succeeded.sum(), failed.sum() + stillRunning, Map.copyOf(errors), latencies.summary(), steadyFrom, stoppedAt);
    }

    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 120 ? text.substring(0, 120) : text;
    }
}
