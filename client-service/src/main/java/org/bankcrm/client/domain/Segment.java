package org.bankcrm.client.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A need-based segment: a code, a name, a condition (JSON of the condition language), the products its
 * members are expected to hold, a version that grows with each change, and the state of the recomputation
 * of its membership for all clients.
 */
@Entity
@Table(name = "segment")
public class Segment {
    public enum Recompute {
        PENDING, RUNNING, DONE, FAILED
    }

    @Id
    public UUID id;
    @Column(nullable = false, unique = true)
    public String code;
    @Column(nullable = false)
    public String name;
    public String description;
    /** The condition as JSON; its language: client-service/docs/segments.md. */
    @Column(name = "condition_json", nullable = false)
    public String condition;
    /** Comma-separated product types. */
    @Column(name = "expected_products", nullable = false)
    public String expectedProducts;
    @Column(nullable = false)
    public int version;
    @Column(nullable = false)
    public boolean active;
    @Enumerated(EnumType.STRING)
    @Column(name = "recompute_status", nullable = false)
    public Recompute recomputeStatus;
    @Column(name = "recompute_total")
    public long recomputeTotal;
    @Column(name = "recompute_done")
    public long recomputeDone;
    @Column(name = "recompute_version")
    public int recomputeVersion;
    @Column(name = "recompute_error")
    public String recomputeError;
    @Column(name = "recompute_started_at")
    public Instant recomputeStartedAt;
    @Column(name = "recompute_finished_at")
    public Instant recomputeFinishedAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public java.util.Set<ProductType> expectedProductTypes() {
        java.util.Set<ProductType> types = java.util.EnumSet.noneOf(ProductType.class);
        for (String t : expectedProducts.split(",")) {
            if (!t.isBlank()) {
                types.add(ProductType.valueOf(t.trim()));
            }
        }
        return types;
    }
}
