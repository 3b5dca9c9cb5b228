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
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(:id, 0))) l", Integer.class)
                .setParameter("id", clientId.toString())
                .getSingleResult())
                .replaceWithVoid();
    }
}
