package org.bankcrm.interaction.store;

import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.KnownClient;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class KnownClientRepository implements PanacheRepositoryBase<KnownClient, UUID> {

    /** Loads the clients into the session in one statement (Hibernate's multi-load): later look-ups find them there. */
    public Uni<Void> loadAll(Collection<UUID> clientIds) {
        return Panache.getSession().chain(session -> session.find(KnownClient.class, clientIds.toArray())).replaceWithVoid();
    }
}
