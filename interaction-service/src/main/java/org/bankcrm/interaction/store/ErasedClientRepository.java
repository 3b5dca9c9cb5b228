package org.bankcrm.interaction.store;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.ErasedClient;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ErasedClientRepository implements PanacheRepositoryBase<ErasedClient, UUID> {

    public Uni<Boolean> isErased(UUID clientId) {
        return findById(clientId).map(erased -> erased != null);
    }
}
