package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An action a channel was given to present to the client; the weekly sales cap counts these. */
@Entity
@Table(name = "presentation")
public class Presentation {
    @Id
    public UUID id;
    @Column(name = "decision_id", nullable = false)
    public UUID decisionId;
    @Column(name = "client_id")
    public UUID clientId;
    @Column(name = "offer_id", nullable = false)
    public UUID offerId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OfferCategory category;
    @Column(name = "presented_at", nullable = false)
    public Instant presentedAt;
}
