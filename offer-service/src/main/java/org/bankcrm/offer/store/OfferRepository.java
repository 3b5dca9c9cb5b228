package org.bankcrm.offer.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.Offer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OfferRepository implements PanacheRepositoryBase<Offer, UUID> {
    public Uni<List<Offer>> active() {
        return list("active = true order by code");
    }
}
