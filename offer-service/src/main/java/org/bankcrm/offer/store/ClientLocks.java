package org.bankcrm.offer.store;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Serialises one client's updates across the three consumers and the decision API (they share the profile row). */
@ApplicationScoped
public class ClientLocks {
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
