package org.bankcrm.offer.store;

import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.Decision;
import org.bankcrm.platform.store.PlatformStatements;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<Decision, UUID> {
    static final String INSERT = """
            insert into decision (id, client_id, channel, trigger_type, trigger_event_id, control_group, actions_json,
                                  inputs_json, catalogue_version, model_version, decided_at, sales_presented)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """;

    /**
     * Writes a new decision at once, in the caller's transaction, on the session's connection: a decision is written
     * once and never changed by the transaction that makes it (one per touchpoint, two with the refined one), so
     * Hibernate's persist (an insert action queued, the entity kept and dirty-checked until the commit) buys nothing.
     * The decision is not in the session afterwards; a later read in the same transaction reads the row.
     */
    public Uni<Void> insert(Decision d) {
        return PlatformStatements.update(INSERT, d.id, d.clientId, d.channel, d.triggerType, d.triggerEventId, d.controlGroup,
                d.actionsJson, d.inputsJson, d.catalogueVersion, d.modelVersion, d.decidedAt.atOffset(ZoneOffset.UTC),
                d.salesPresented).replaceWithVoid();
    }
}
