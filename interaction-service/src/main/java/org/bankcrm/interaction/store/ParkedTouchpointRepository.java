package org.bankcrm.interaction.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.ParkedTouchpoint;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ParkedTouchpointRepository implements PanacheRepositoryBase<ParkedTouchpoint, UUID> {

    /** The client's parked touchpoints still waiting for them, in the order they came. */
    public Uni<List<ParkedTouchpoint>> waitingFor(UUID clientId) {
        return list("clientId = ?1 and deadReason is null", Sort.by("parkedAt").and("offset"), clientId);
    }

    public Uni<Long> deleteOfClient(UUID clientId) {
        return delete("clientId", clientId);
    }
}
