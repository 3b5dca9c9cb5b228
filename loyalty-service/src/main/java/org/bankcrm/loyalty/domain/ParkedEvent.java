package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event of a client this service does not know yet (the registration travels on another topic and may
 * come later): kept as it came, and applied in arrival order when crm.client.registered arrives, or moved to
 * the dead-letter topic when the client does not arrive in time.
 */
@Entity
@Table(name = "parked_event")
public class ParkedEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "client_id", nullable = false)
    public UUID clientId;
    @Column(name = "event_id", nullable = false)
    public String eventId;
    @Column(name = "event_type", nullable = false)
    public String eventType;
    @Column(nullable = false)
    public String source;
    @Column(name = "event_time", nullable = false)
    public Instant eventTime;
    /** CloudEvents extension attributes as a JSON object (causationid, correlationid, …). */
    @Column(nullable = false)
    public String extensions;
    @Column(nullable = false)
    public String data;
    @Column(nullable = false)
    public String topic;
    @Column(name = "kafka_partition", nullable = false)
    public int partition;
    @Column(name = "kafka_offset", nullable = false)
    public long offset;
    @Column(name = "parked_at", nullable = false)
    public Instant parkedAt;
    /** Until when it waits; then it goes to the dead-letter topic of its origin, as it came, with the reason. */
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
