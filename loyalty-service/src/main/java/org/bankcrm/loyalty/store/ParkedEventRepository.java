package org.bankcrm.loyalty.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ParkedEvent;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ParkedEventRepository implements PanacheRepositoryBase<ParkedEvent, Long> {

    /** The client's parked events, in the order they came. */
    public Uni<List<ParkedEvent>> waitingFor(UUID clientId) {
        return list("clientId", Sort.by("id"), clientId);
    }

    public Uni<Long> countFor(UUID clientId) {
        return count("clientId", clientId);
    }

    public Uni<Long> deleteOfClient(UUID clientId) {
        return delete("clientId", clientId);
    }
}
