package org.bankcrm.interaction.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.bankcrm.platform.entity.ClientReadModel;

/**
 * A client as interaction-service knows it from client-service's events: enough to accept touchpoints
 * for them (an unknown client's touchpoint is refused or parked until the client arrives). An erased client's
 * row is deleted; only an tombstone (the platform's {@code client_tombstone}) stays.
 */
@Entity
@Table(name = "known_client")
public class KnownClient extends ClientReadModel {
    @Column(name = "client_type", nullable = false)
    public String clientType;
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
}
