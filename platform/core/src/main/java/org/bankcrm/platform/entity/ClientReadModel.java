package org.bankcrm.platform.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * A client as a service knows it from other services' events, keyed by the client's id, with how far those events got:
 * how many were applied, the last one's id and when. A service's read-model entity extends it with what it keeps.
 */
@MappedSuperclass
public abstract class ClientReadModel {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Column(name = "events_applied", nullable = false)
    public int eventsApplied;
    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Records that one more event was applied. */
    public void applied(String eventId, Instant at) {
        eventsApplied++;
        lastEventId = eventId;
        updatedAt = at;
    }
}
