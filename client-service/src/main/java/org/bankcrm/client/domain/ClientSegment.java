package org.bankcrm.client.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A client's membership of one segment, since when. */
@Entity
@Table(name = "client_segment")
@IdClass(ClientSegment.Key.class)
public class ClientSegment {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Id
    @Column(name = "segment_code")
    public String segmentCode;
    @Column(nullable = false)
    public Instant since;

    public ClientSegment() {
    }

    public ClientSegment(UUID clientId, String segmentCode, Instant since) {
        this.clientId = clientId;
        this.segmentCode = segmentCode;
        this.since = since;
    }

    public static class Key implements Serializable {
        public UUID clientId;
        public String segmentCode;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(clientId, k.clientId) && Objects.equals(segmentCode, k.segmentCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientId, segmentCode);
        }
    }
}
