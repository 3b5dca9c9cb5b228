package org.bankcrm.client.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.HeldProduct;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class HeldProductRepository implements PanacheRepositoryBase<HeldProduct, UUID> {

    /** Every product of the client, open and closed, oldest first. */
    public Uni<List<HeldProduct>> ofClient(UUID clientId) {
        return list("clientId = ?1 order by openedAt, createdAt, id", clientId);
    }
}
