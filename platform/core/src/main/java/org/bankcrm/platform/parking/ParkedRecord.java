package org.bankcrm.platform.parking;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A record that came for a client the consumer does not know yet, kept as it came until the client arrives, or until
 * {@link #expiresAt} (or a reason to give it up), when {@link ParkedRecordSweep} dead-letters it.
 */
@Entity
@Table(name = "parked_record")
public class ParkedRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public String consumer;
    @Column(name = "client_id", nullable = false)
    public String clientId;
    @Column(name = "natural_key")
    public String naturalKey;
    @Column(nullable = false)
    public String topic;
    @Column(name = "kafka_partition", nullable = false)
    public int partition;
    @Column(name = "kafka_offset", nullable = false)
    public long offset;
    /** The record's CloudEvents headers (a JSON object). */
    @Column(nullable = false)
    public String headers;
    /** The event's data as it came (JSON). */
    @Column(nullable = false)
    public String data;
    @Column(name = "parked_at", nullable = false)
    public Instant parkedAt;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    /** Set when it can no longer be applied for another reason than a missing client; it then leaves at the next sweep. */
    @Column(name = "dead_reason")
    public String deadReason;
}
