package org.bankcrm.loyalty.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ScoreChange;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ScoreChangeRepository implements PanacheRepositoryBase<ScoreChange, Long> {

    /** The client's score changes, newest first. */
    public Uni<List<ScoreChange>> ofClient(UUID clientId, int page, int size) {
        return find("clientId", Sort.descending("id"), clientId).page(Page.of(page, size)).list();
    }

    /** The newest score change of the client in [from, to) that kept the churn inputs: the snapshot to label. */
    public Uni<ScoreChange> latestSnapshot(UUID clientId, java.time.Instant from, java.time.Instant to) {
        return find("clientId = ?1 and changedAt >= ?2 and changedAt < ?3 and churnInputs is not null",
                Sort.descending("changedAt"), clientId, from, to).firstResult();
    }

    public Uni<Long> deleteOfClient(UUID clientId) {
        return delete("clientId", clientId);
    }
}
