package org.bankcrm.interaction.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A client as interaction-service knows it from client-service's events: enough to accept touchpoints
 * for them (an unknown client's touchpoint is refused or parked until the client arrives). An erased client's
 * row is deleted; only an tombstone (the platform's {@code client_tombstone}) stays.
 */
@Entity
@Table(name = "known_client")
public class KnownClient {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Column(name = "client_type", nullable = false)
    public String clientType;
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
    @Column(name = "events_applied", nullable = false)
    public int eventsApplied;
    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    /** Records that one more client event was applied. */
    public void applied(String eventId, Instant at) {
        eventsApplied++;
        lastEventId = eventId;
        updatedAt = at;
    }
}
