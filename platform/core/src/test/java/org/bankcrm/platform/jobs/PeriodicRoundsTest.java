package org.bankcrm.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

class PeriodicRoundsTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aRoundDoesNotStartWhileTheLastOneRunsAndStartsOnceItEnded() {
        AtomicReference<UniEmitter<? super String>> running = new AtomicReference<>();
        AtomicInteger started = new AtomicInteger();
        PeriodicRounds rounds = new PeriodicRounds("test job", () -> {
            started.incrementAndGet();
            return Uni.createFrom().<String>emitter(running::set);
        });
        assertThat(rounds.runOnce()).isTrue();
        assertThat(rounds.runOnce()).as("the first round has not ended").isFalse();
        running.get().complete("done");
        assertThat(rounds.runOnce()).isTrue();
        assertThat(started).hasValue(2);
    }

    @Test
    void aFailedRoundLeavesTheWayFreeForTheNext() {
        AtomicInteger calls = new AtomicInteger();
        PeriodicRounds failing = new PeriodicRounds("test job", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the round could not even start");
            }
            return Uni.createFrom().failure(new IllegalStateException("database down"));
        });
        assertThat(failing.runOnce()).isTrue();
        assertThat(failing.runOnce()).isTrue();
        assertThat(failing.runOnce()).isTrue();
        assertThat(calls).hasValue(3);
    }

    @Test
    void theTimerRunsRoundsUntilStoppedAndNoneAfter() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        PeriodicRounds job = new PeriodicRounds("test job", () -> Uni.createFrom().item(rounds.incrementAndGet()));
        job.start(vertx, Duration.ofMillis(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rounds.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(rounds.get()).isGreaterThanOrEqualTo(3);
        job.stop();
        assertThat(job.stopped()).isTrue();
        int atStop = rounds.get();
        Thread.sleep(100);
        assertThat(rounds.get()).as("a round running at stop may end, none starts").isLessThanOrEqualTo(atStop + 1);
        assertThat(job.runOnce()).isFalse();
    }
}
