package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The client's answer to one action of one decision (one per decision and offer). */
@Entity
@Table(name = "offer_response")
public class OfferResponse {
    public enum Outcome {
        ACCEPTED, DECLINED, IGNORED, INTERESTED
    }

    @Id
    public UUID id;
    @Column(name = "decision_id", nullable = false)
    public UUID decisionId;
    @Column(name = "offer_id", nullable = false)
    public UUID offerId;
    @Column(name = "client_id")
    public UUID clientId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OfferCategory category;
    @Column(nullable = false)
    public String channel;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;
    @Column(name = "control_group", nullable = false)
    public boolean controlGroup;
    /** The client's segments at the decision, for performance per segment. */
    @Column(nullable = false)
    public String segments;
    @Column(name = "responded_at", nullable = false)
    public Instant respondedAt;
    /** The decision was ranked with the client's models (profiling consent then); false: by the offers' prior rates. */
    @Column(nullable = false)
    public boolean profiled = true;
}
