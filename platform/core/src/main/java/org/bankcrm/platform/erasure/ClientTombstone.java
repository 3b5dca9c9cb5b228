package org.bankcrm.platform.erasure;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What a service keeps of a client erased at client-service: the id and when, nothing else. */
@Entity
@Table(name = "client_tombstone")
public class ClientTombstone {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;
}
