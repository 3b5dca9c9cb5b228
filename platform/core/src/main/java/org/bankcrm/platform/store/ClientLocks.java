package org.bankcrm.platform.store;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Serialises the transactions that change one client: a transaction-scoped PostgreSQL advisory lock on the
 * clientId, held until the transaction ends. Take it before reading the client, so the read sees the last
 * committed change and the events appended after it follow that change's. Other clients are not held up.
 * Several clients are locked in id order, so two transactions that lock many never wait on each other in a circle.
 *
 * <p>A lock the current transaction of the Hibernate session holds already is not asked for again: the inbox takes a
 * batch's clients' locks first, and the effects that take a client's lock themselves (the one-at-a-time path needs
 * them) then cost no round trip. What is held is remembered for the transaction ({@link TransactionMemo}).
 */
@ApplicationScoped
public class ClientLocks {
    static final String LOCK = "select pg_advisory_xact_lock(hashtextextended($1, 0))";
    static final String LOCK_ALL = """
            select count(pg_advisory_xact_lock(hashtextextended(id::text, 0)))
            from (select unnest($1::uuid[]) as id order by 1) ids
            """;

    /** Takes the client's lock until the current transaction of the Hibernate session ends. */
    public Uni<Void> lock(UUID clientId) {
        return lock(clientId.toString());
    }

    /**
     * Takes the lock on {@code key} until the current transaction ends; a key other than a clientId names what
     * it locks (e.g. {@code externalRef:<ref>}), so it cannot meet a client's.
     */
    public Uni<Void> lock(String key) {
        return Panache.getSession().chain(session -> {
            Set<String> held = held(session.currentTransaction());
            if (held.contains(key)) {
                return Uni.createFrom().voidItem();
            }
            return PlatformStatements.update(LOCK, key)
                    .invoke(() -> held.add(key))
                    .replaceWithVoid();
        });
    }

    /** Takes the locks of {@code clientIds} in id order, in one statement, until the session's transaction ends. */
    public Uni<Void> lockAll(Collection<UUID> clientIds) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> {
            Set<String> held = held(session.currentTransaction());
            List<String> keys = clientIds.stream().map(UUID::toString).filter(key -> !held.contains(key)).toList();
            if (keys.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return PlatformStatements.update(LOCK_ALL, (Object) keys.stream().map(UUID::fromString).toArray(UUID[]::new))
                    .invoke(() -> held.addAll(keys))
                    .replaceWithVoid();
        });
    }

    /** What the session's current transaction holds: empty (and not kept) outside a transaction or a duplicated context. */
    private static Set<String> held(Object transaction) {
        return TransactionMemo.of(transaction, HELD, HashSet::new);
    }

    private static final String HELD = ClientLocks.class.getName() + ".held";

    /** As {@link #lockAll(Collection)}, on a reactive SQL connection inside its transaction (writers without a session). */
    public Uni<Void> lockAll(SqlConnection connection, Collection<UUID> clientIds) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(LOCK_ALL).execute(Tuple.of(clientIds.toArray(UUID[]::new))).replaceWithVoid();
    }
}
