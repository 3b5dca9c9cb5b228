package org.bankcrm.platform.store;

import java.util.function.Function;

import org.hibernate.FlushMode;
import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Statements on tables no entity maps, inside a service's transaction - the platform's own (client locks, inbox claims,
 * applied sequences, outbox rows, tombstones) and a service's (e.g. counters) - run on the transaction's Hibernate
 * session without the auto-flush Hibernate does before every native statement. Nothing pending in the session can
 * change what such a statement does; but the auto-flush dirty-checks every entity the session holds, once
 * per statement, and a batch of events runs several statements per client over a session holding the whole batch's
 * entities (7 % of offer- and loyalty-service's Java CPU in the 2026-12-06 profile, docs/performance.md). The session's
 * own changes are still flushed, once, when the transaction commits.
 */
public final class PlatformStatements {
    private PlatformStatements() {
    }

    /**
     * Runs the native update {@code statement} builds on the current session with its flush mode at COMMIT, and puts
     * the mode back afterwards, whether the statement succeeded or not.
     */
    public static Uni<Integer> executeUpdate(Function<Mutiny.Session, Mutiny.MutationQuery> statement) {
        return withoutAutoFlush(session -> statement.apply(session).executeUpdate());
    }

    /**
     * Runs {@code statements} on the current session with its flush mode at COMMIT, then puts the mode back: for a
     * service's own statements on tables no entity maps (e.g. counters), run per event.
     */
    public static <T> Uni<T> withoutAutoFlush(Function<Mutiny.Session, Uni<T>> statements) {
        return Panache.getSession().chain(session -> {
            FlushMode previous = session.getFlushMode();
            session.setFlushMode(FlushMode.COMMIT);
            return Uni.createFrom().deferred(() -> statements.apply(session))
                    .eventually(() -> session.setFlushMode(previous));
        });
    }
}
