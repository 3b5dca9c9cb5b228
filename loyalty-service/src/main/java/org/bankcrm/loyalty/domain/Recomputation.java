package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A full recomputation of every client's scores, run in batches in the background; its progress. */
@Entity
@Table(name = "recomputation")
public class Recomputation {
    public enum Status {
        RUNNING, DONE, FAILED
    }

    @Id
    public UUID id;
    @Column(nullable = false)
    public String status;
    /** Clients known when the job started. */
    @Column(nullable = false)
    public long total;
    @Column(nullable = false)
    public long done;
    /** Where the next batch starts (clients are taken in clientId order). */
    @Column(name = "last_client_id")
    public UUID lastClientId;
    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column
    public String failure;

    public static Recomputation started(UUID id, long total, Instant at) {
        Recomputation r = new Recomputation();
        r.id = id;
        r.status = Status.RUNNING.name();
        r.total = total;
        r.requestedAt = at;
        return r;
    }

    public void progressed(int clients, UUID last) {
        done += clients;
        lastClientId = last;
    }

    public void finished(Instant at) {
        status = Status.DONE.name();
        finishedAt = at;
    }

    public void failed(String reason, Instant at) {
        status = Status.FAILED.name();
        failure = reason;
        finishedAt = at;
    }

    /** Share done, 0–1 (1 when there was nothing to do). */
    public double progress() {
        return total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }
}
