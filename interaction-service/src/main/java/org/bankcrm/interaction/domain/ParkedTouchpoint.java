package org.bankcrm.interaction.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A touchpoint another bank system sent for a client this service does not know yet (the client's
 * registration travels on another topic and may come later). It waits for crm.client.registered until
 * {@link #expiresAt}, then goes to the dead-letter topic as it came, with the reason: nothing is dropped.
 */
@Entity
@Table(name = "parked_touchpoint")
public class ParkedTouchpoint {
    @Id
    @Column(name = "touchpoint_id")
    public UUID touchpointId;
    @Column(name = "client_id", nullable = false)
    public UUID clientId;
    /** The event's data as it came (JSON). */
    @Column(nullable = false)
    public String payload;
    /** The record's CloudEvents headers as it came (a JSON object), to dead-letter it unchanged. */
    @Column(nullable = false)
    public String headers;
    @Column(nullable = false)
    public String topic;
    @Column(name = "kafka_partition", nullable = false)
    public int partition;
    @Column(name = "kafka_offset", nullable = false)
    public long offset;
    @Column(name = "parked_at", nullable = false)
    public Instant parkedAt;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    /** Set when it can no longer be applied for another reason than a missing client; it then leaves at once. */
    @Column(name = "dead_reason")
    public String deadReason;

    public static ParkedTouchpoint of(UUID touchpointId, UUID clientId, String payload, String headers, String topic,
            int partition, long offset, Instant now, Duration maxWait) {
        ParkedTouchpoint p = new ParkedTouchpoint();
        p.touchpointId = touchpointId;
        p.clientId = clientId;
        p.payload = payload;
        p.headers = headers;
        p.topic = topic;
        p.partition = partition;
        p.offset = offset;
        p.parkedAt = now;
        p.expiresAt = now.plus(maxWait);
        return p;
    }

    /** Sends it to the dead-letter topic at the next sweep, with this reason. */
    public void giveUp(String reason, Instant now) {
        deadReason = reason;
        expiresAt = now;
    }
}
