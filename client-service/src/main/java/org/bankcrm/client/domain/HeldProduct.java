package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A product a client holds, or held: closing keeps it, with its closing date. */
@Entity
@Table(name = "held_product")
public class HeldProduct {
    @Id
    public UUID id;
    @Column(name = "client_id", nullable = false)
    public UUID clientId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProductType type;
    @Column(name = "opened_at", nullable = false)
    public LocalDate openedAt;
    @Column(name = "closed_at")
    public LocalDate closedAt;
    public BigDecimal balance;
    /** Of a type the client may hold only once at a time when it was opened: the database's backstop of that rule. */
    @Column(name = "only_once", nullable = false)
    public boolean onlyOnce;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isOpen() {
        return closedAt == null;
    }

    /** Why the product cannot be closed on {@code closedAt}, if it cannot. */
    public Optional<String> closingProblem(LocalDate closedAt, LocalDate today) {
        if (closedAt.isAfter(today)) {
            return Optional.of("must not be in the future");
        }
        if (closedAt.isBefore(openedAt)) {
            return Optional.of("must not be before the product was opened (" + openedAt + ")");
        }
        return Optional.empty();
    }

    public void close(LocalDate closedAt, Instant now) {
        this.closedAt = closedAt;
        this.updatedAt = now;
    }
}
