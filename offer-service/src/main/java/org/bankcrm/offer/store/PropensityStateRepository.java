package org.bankcrm.offer.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.PropensityState;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PropensityStateRepository implements PanacheRepositoryBase<PropensityState, UUID> {
    /** The models changed after the given revision (every model for 0). */
    public Uni<List<PropensityState>> changedSince(long revision) {
        return list("revision > ?1", revision);
    }

    public Uni<Long> nextRevision() {
        return Panache.getSession().chain(s -> s.createNativeQuery("select nextval('model_revision')", Long.class).getSingleResult());
    }
}
