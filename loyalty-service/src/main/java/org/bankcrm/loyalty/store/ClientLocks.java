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
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(:id, 0))) l", Integer.class)
                .setParameter("id", clientId.toString())
                .getSingleResult())
                .replaceWithVoid();
    }
}
