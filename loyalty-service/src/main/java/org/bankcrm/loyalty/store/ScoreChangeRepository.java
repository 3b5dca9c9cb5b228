package org.bankcrm.loyalty.store;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ScoreChange;
import org.bankcrm.platform.store.PlatformStatements;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ScoreChangeRepository implements PanacheRepositoryBase<ScoreChange, Long> {
    static final String INSERT = """
            insert into score_change (client_id, behavioural, perceived, loyalty_type, churn_risk, trigger_event_type,
                                      trigger_event_id, changed_at, churn_inputs, churn_market)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """;

    /**
     * Writes a score change at once, in the caller's transaction, on the session's connection: history is written
     * once and never changed by the rescoring that makes it, so Hibernate's persist (its identity insert, the entity
     * kept in the session to the commit) buys nothing.
     */
    public Uni<Void> insert(ScoreChange c) {
        return PlatformStatements.update(INSERT, c.clientId, c.behavioural, c.perceived, c.type, c.churnRisk,
                c.triggerEventType, c.triggerEventId, c.changedAt.atOffset(ZoneOffset.UTC), c.churnInputs, c.churnMarket)
                .replaceWithVoid();
    }

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
