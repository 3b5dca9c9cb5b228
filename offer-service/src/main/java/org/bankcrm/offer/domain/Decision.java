package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One decision, kept for audit with its inputs (the read-model snapshot, policy results, components) and the
 * catalogue and model versions it used. On erasure the client id and inputs are cleared; the ranking stays for statistics.
 */
@Entity
@Table(name = "decision")
public class Decision {
    @Id
    public UUID id;
    @Column(name = "client_id")
    public UUID clientId;
    @Column(nullable = false)
    public String channel;
    /** REQUEST (a channel asked), INTERACTION or LOYALTY_SCORE (the event chain). */
    @Column(name = "trigger_type", nullable = false)
    public String triggerType;
    @Column(name = "trigger_event_id")
    public String triggerEventId;
    @Column(name = "control_group", nullable = false)
    public boolean controlGroup;
    @Column(name = "actions_json", nullable = false)
    public String actionsJson;
    @Column(name = "inputs_json")
    public String inputsJson;
    @Column(name = "catalogue_version", nullable = false)
    public long catalogueVersion;
    @Column(name = "model_version", nullable = false)
    public long modelVersion;
    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;
    /** Sales actions handed to the channel to present (REQUEST decisions); the weekly sales cap sums these. */
    @Column(name = "sales_presented", nullable = false)
    public int salesPresented;
}
