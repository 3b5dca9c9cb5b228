package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A client erased at client-service: nothing is kept but the id, so that late events are dropped, not parked. */
@Entity
@Table(name = "erased_client")
public class ErasedClient {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;
}
