package org.bankcrm.loyalty.store;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Serialises the events of one client across channels: client and interaction events come on two topics
 * (two consumers), and both update the same state; a registration must also see every event parked before it.
 */
@ApplicationScoped
public class ClientLocks {

    /** Takes the client's lock until the current transaction ends. */
    public Uni<Void> lock(UUID clientId) {
        return Panache.getSession().chain(session -> session
                // executeUpdate, not a select: Hibernate Reactive 3.2 caches a native select's plan under a key that never
                // equals itself (ReactiveResultSetMapping has no equals), so every execution would add a plan (QueryPlanReuseTest)
                .createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:id, 0))")
                .setParameter("id", clientId.toString())
                .executeUpdate())
                .replaceWithVoid();
    }
}
