package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A client who left the bank (crm.client.left), and when they came back (crm.client.returned), if they did. */
@Entity
@Table(name = "client_left")
public class ClientLeaving {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Column(name = "left_at", nullable = false)
    public Instant leftAt;
    @Column(nullable = false)
    public String reason;
    @Column(name = "returned_at")
    public Instant returnedAt;
}
