package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A client erased in client-service: later events about them are ignored, so no read model grows back. */
@Entity
@Table(name = "erased_client")
public class ErasedClient {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;
}
