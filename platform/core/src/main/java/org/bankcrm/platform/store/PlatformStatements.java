package org.bankcrm.platform.store;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Statements on tables no entity maps, inside a service's transaction - the platform's own (client locks, inbox claims,
 * applied sequences, outbox rows, tombstones) and a service's (e.g. counters, read models) - run on the transaction's
 * connection without Hibernate: as prepared statements with positional parameters ({@code $1}, {@code $2} ...) on
 * Hibernate Reactive's own connection of the session ({@link ReactiveConnection}, its SPI). Hibernate's native query
 * built a query object, parsed its named parameters, looked up a plan (a native select's was never reused) and bound
 * each parameter through its type system before the same connection got the same statement (5-10 % of a consumer
 * service's Java CPU in the 2026-12-07 profile, docs/performance.md); and it flushed the session before each one,
 * dirty-checking every entity the session holds. Nothing pending in the session can change what such a statement
 * does, so none flushes; the session's own changes are flushed once, when the transaction commits. A read that must
 * see the transaction's own entity changes flushes the session first.
 */
public final class PlatformStatements {
    private PlatformStatements() {
    }

    /**
     * Runs the update (or any statement, counted by the rows it touched) on the current session's connection, in its
     * transaction, without Hibernate: {@code sql} takes positional parameters ({@code $1} ...) given in order.
     */
    public static Uni<Integer> update(String sql, Object... params) {
        return connection().chain(connection -> Uni.createFrom().completionStage(() -> connection.update(sql, params)));
    }

    /** As {@link #update(String, Object...)} for a select: its rows, each as its columns' values in order. */
    public static Uni<List<Object[]>> select(String sql, Object... params) {
        return connection().chain(connection -> Uni.createFrom().completionStage(() -> connection.select(sql, params)))
                .map(result -> {
                    List<Object[]> rows = new ArrayList<>(result.size());
                    result.forEachRemaining(rows::add);
                    return rows;
                });
    }

    /**
     * The connection of the current session: Hibernate Reactive's own (its SPI {@link ReactiveConnection}, the Vert.x
     * connection in the session's transaction), which the Mutiny session hands out.
     */
    private static Uni<ReactiveConnection> connection() {
        return Panache.getSession().map(session -> {
            if (session instanceof MutinySessionImpl hibernate) {
                return hibernate.getReactiveConnection();
            }
            throw new IllegalStateException("not a Hibernate Reactive Mutiny session: " + session.getClass().getName());
        });
    }
}
