package org.bankcrm.client.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One answer a client gave on one purpose: when, where, and what. The history is never rewritten. */
@Entity
@Table(name = "consent_change")
public class ConsentChange {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "client_id", nullable = false)
    public UUID clientId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsentPurpose purpose;
    @Column(nullable = false)
    public boolean granted;
    @Column(nullable = false)
    public String source;
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public ConsentChange() {
    }

    public ConsentChange(UUID clientId, ConsentPurpose purpose, boolean granted, String source, Instant changedAt) {
        this.clientId = clientId;
        this.purpose = purpose;
        this.granted = granted;
        this.source = source;
        this.changedAt = changedAt;
    }
}
