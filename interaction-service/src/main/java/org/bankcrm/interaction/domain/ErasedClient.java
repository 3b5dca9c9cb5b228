package org.bankcrm.interaction.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A client erased at client-service: nothing is kept but the id, so that their late events are dropped instead of
 * parked or applied, and to this service they are gone (404 for their timeline, journeys and read model).
 */
@Entity
@Table(name = "erased_client")
public class ErasedClient {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;

    public static ErasedClient of(UUID clientId, Instant erasedAt) {
        ErasedClient erased = new ErasedClient();
        erased.clientId = clientId;
        erased.erasedAt = erasedAt;
        return erased;
    }
}
