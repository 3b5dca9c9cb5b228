package org.bankcrm.interaction.store;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Serialises the transactions that record touchpoints of one client (a transaction-scoped advisory lock on
 * the clientId): a channel retrying a request that is still running, or two contacts on one need at once,
 * then see each other's result instead of both inserting (a second touchpoint with the id, a second open
 * journey). Other clients are not held up.
 */
@ApplicationScoped
public class ClientLocks {
    static final String LOCK = "select pg_advisory_xact_lock(hashtextextended(:key, 0))";

    public Uni<Void> lock(UUID clientId) {
        return Panache.getSession()
                // executeUpdate, not a select: Hibernate Reactive 3.2 caches a native select's plan under a key that never
                // equals itself (ReactiveResultSetMapping has no equals), so every execution would add a plan (QueryPlanReuseTest)
                .chain(session -> session.createNativeQuery(LOCK).setParameter("key", clientId.toString()).executeUpdate())
                .replaceWithVoid();
    }
}
