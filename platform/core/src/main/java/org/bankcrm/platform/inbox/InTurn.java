package org.bankcrm.platform.inbox;

import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Effects one after the other, each started when the one before has completed, without growing the stack: a batch's
 * effects often complete at once (what they read was prefetched, what they write is flushed at the end), and a chain
 * of {@code Uni.chain} calls that complete at once recurses one level per item - hundreds of clients in one poll
 * overflowed the stack and left the batch's transaction open for good. Mutiny's concatenation drains in a loop.
 */
public final class InTurn {
    private InTurn() {
    }

    /** {@code effect} on each item in order; fails with the first failure, the items after it not started. */
    public static <T> Uni<Void> each(Iterable<T> items, Function<T, Uni<?>> effect) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> effect.apply(item).replaceWith(Boolean.TRUE))
                .collect().last()
                .replaceWithVoid();
    }
}
