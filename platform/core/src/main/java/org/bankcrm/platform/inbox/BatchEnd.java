package org.bankcrm.platform.inbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

/**
 * Writes that an inbox batch's effects leave to the batch's end: an effect adds to an accumulator of the batch (e.g.
 * counters per cell, summed), and the batch writes each accumulator once, after all its effects, in its transaction.
 * Outside a batch (a REST request, the one-at-a-time path after a failed batch) there is no accumulator and the effect
 * writes at once, as it would without this: effects must work both ways.
 *
 * <p>Kept on the Vert.x duplicated context the batch runs on, as the outbox's collection of a batch's events is
 * ({@code Outbox.collecting}); a failed batch writes nothing of it (its transaction rolls back anyway).
 */
public final class BatchEnd {
    private static final String OPEN = BatchEnd.class.getName() + ".open";

    private BatchEnd() {
    }

    private record Deferred<A>(A accumulator, Function<A, Uni<Void>> write) {
        Uni<Void> run() {
            return write.apply(accumulator);
        }
    }

    private static final class Open {
        final Map<String, Deferred<?>> deferred = new LinkedHashMap<>();
    }

    /**
     * The current batch's accumulator under {@code key}, made by {@code fresh} the first time and written by
     * {@code write} at the batch's end; null outside a batch (write at once then).
     */
    @SuppressWarnings("unchecked")
    public static <A> A accumulator(String key, Supplier<A> fresh, Function<A, Uni<Void>> write) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        Open open = ContextLocals.<Open> get(OPEN).orElse(null);
        if (open == null) {
            return null;
        }
        return (A) open.deferred.computeIfAbsent(key, k -> new Deferred<>(fresh.get(), write)).accumulator();
    }

    /**
     * Runs {@code work} (a batch's effects) with a batch open on this context, then each accumulator's write, in the
     * order the accumulators were first asked for, when the work has succeeded.
     */
    static <T> Uni<T> around(Supplier<Uni<T>> work) {
        Open open = new Open();
        ContextLocals.put(OPEN, open);
        return Uni.createFrom().<T> deferred(() -> work.get())
                .call(() -> {
                    ContextLocals.remove(OPEN);
                    List<Deferred<?>> writes = new ArrayList<>(open.deferred.values());
                    return InTurn.each(writes, Deferred::run);
                })
                .onTermination().invoke(() -> ContextLocals.remove(OPEN));
    }
}
