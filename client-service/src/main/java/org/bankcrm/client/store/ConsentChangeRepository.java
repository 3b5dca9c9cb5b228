package org.bankcrm.client.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.ConsentChange;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConsentChangeRepository implements PanacheRepository<ConsentChange> {

    public Uni<List<ConsentChange>> historyOf(UUID clientId) {
        return list("clientId = ?1 order by changedAt, id", clientId);
    }
}
