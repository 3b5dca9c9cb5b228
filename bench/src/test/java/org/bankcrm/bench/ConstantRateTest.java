package org.bankcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ConstantRateTest {

    @Test
    void startsOneOperationPerPeriodAndRecordsOnlyTheSteadyPeriod() {
        AtomicLong started = new AtomicLong();
        ConstantRate.Result result = ConstantRate.run(200, Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                100, (sequence, intended) -> {
                    started.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                });

        assertThat(started.get()).isEqualTo(ConstantRate.operations(200, Duration.ofMillis(750))).isEqualTo(150);
        assertThat(result.recorded()).isEqualTo(100);
        assertThat(result.succeeded()).isEqualTo(100);
        assertThat(result.failed()).isZero();
    }

    /** A stall of the system under test shows in every operation due during it, not only in the one that waited. */
    @Test
    void latencyCountsFromTheIntendedStartSoAStallIsNotHidden() {
        CompletableFuture<Void> stall = new CompletableFuture<>();
        ConstantRate.Result result = ConstantRate.run(100, Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(2), 1_000,
                (sequence, intended) -> {
                    if (sequence == 0) {
                        CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                                .execute(() -> stall.complete(null));
                    }
                    // every operation due in the first 300 ms waits for the stall to end
                    return sequence < 30 ? stall : CompletableFuture.completedFuture(null);
                });

        assertThat(result.succeeded()).isEqualTo(50);
        assertThat(result.latency().max()).isGreaterThanOrEqualTo(250.0);
        // 30 of 50 waited, from 300 ms down to about 10 ms: with coordinated omission only the first would show it
        assertThat(result.latency().p90()).isGreaterThan(150.0);
    }

    @Test
    void failuresAndOverloadAreCountedByKind() {
        ConstantRate.Result result = ConstantRate.run(100, Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(100), 5,
                (sequence, intended) -> sequence % 2 == 0
                        ? CompletableFuture.failedFuture(new Http.HttpStatusException(503))
                        : new CompletableFuture<>());

        assertThat(result.succeeded()).isZero();
        assertThat(result.errors()).containsKey("HttpStatusException: HTTP 503");
        assertThat(result.errors().keySet()).anyMatch(kind -> kind.startsWith("overloaded"));
        assertThat(result.errors()).containsKey("timed out (still running after the drain)");
    }

    /** Load beside something else: it stops when told, and the achieved rate is over the time it ran. */
    @Test
    void runUntilStopsWhenToldAndRecordsFromTheStart() throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture.delayedExecutor(400, java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> stop.set(true));
        long began = System.nanoTime();
        ConstantRate.Result result = ConstantRate.runUntil(100, stop::get, Duration.ofMinutes(5), Duration.ofSeconds(1), 100,
                (sequence, intended) -> CompletableFuture.completedFuture(null));
        double seconds = (System.nanoTime() - began) / 1e9;

        assertThat(seconds).isLessThan(5);
        assertThat(result.recorded()).isBetween(30L, 60L);
        assertThat(result.failed()).isZero();
        assertThat(result.achievedRate()).isBetween(70.0, 130.0);
    }
}
