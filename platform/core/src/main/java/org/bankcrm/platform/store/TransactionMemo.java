package org.bankcrm.platform.store;

import java.util.function.Supplier;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

/**
 * What one transaction of the Hibernate session has learnt and may reuse until it ends: kept on the Vert.x duplicated
 * context with the transaction it belongs to, so the next transaction on the same context starts with nothing (a
 * transaction object is made per transaction, never reused). Outside a transaction or a duplicated context nothing is
 * kept: every call gets a fresh value.
 */
public final class TransactionMemo {
    private TransactionMemo() {
    }

    private record Kept(Object transaction, Object value) {
    }

    /** The value kept under {@code key} for the session's current transaction, made by {@code fresh} the first time. */
    public static <T> Uni<T> of(String key, Supplier<T> fresh) {
        return Panache.getSession().map(session -> of(session.currentTransaction(), key, fresh));
    }

    /** As {@link #of(String, Supplier)}, for a transaction at hand. */
    @SuppressWarnings("unchecked")
    public static <T> T of(Object transaction, String key, Supplier<T> fresh) {
        if (transaction == null || !VertxContext.isOnDuplicatedContext()) {
            return fresh.get();
        }
        Kept kept = ContextLocals.<Kept> get(key).orElse(null);
        if (kept == null || kept.transaction() != transaction) {
            kept = new Kept(transaction, fresh.get());
            ContextLocals.put(key, kept);
        }
        return (T) kept.value();
    }
}
