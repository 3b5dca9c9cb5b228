package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What loyalty scoring knows of a client from client-service's events: tenure and age band so far. */
@Entity
@Table(name = "client_profile")
public class ClientProfile {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Column(name = "client_type", nullable = false)
    public String clientType;
    @Column(name = "age_band", nullable = false)
    public String ageBand;
    @Column(name = "customer_since", nullable = false)
    public LocalDate customerSince;
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
