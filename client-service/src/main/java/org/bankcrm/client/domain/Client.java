package org.bankcrm.client.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A client of the bank: who they are and what they consented to. */
@Entity
@Table(name = "client")
public class Client {
    /** Below this age an individual cannot be a client on their own. */
    public static final int MINIMUM_AGE = 14;

    @Id
    public UUID id;
    @Column(name = "external_ref", nullable = false)
    public String externalRef;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ClientType type;
    @Column(name = "full_name", nullable = false)
    public String fullName;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    public String email;
    public String phone;
    @Enumerated(EnumType.STRING)
    @Column(name = "income_bracket")
    public IncomeBracket incomeBracket;
    @Column(name = "customer_since", nullable = false)
    public LocalDate customerSince;
    @Embedded
    public Consents consents = Consents.none();
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * Why an individual with this birth date cannot be registered on {@code today}, if they cannot:
     * the birth date is required and the client at least {@link #MINIMUM_AGE}. Business clients need none.
     */
    public static Optional<String> birthDateProblem(ClientType type, LocalDate birthDate, LocalDate today) {
        if (type == ClientType.BUSINESS) {
            return Optional.empty();
        }
        if (birthDate == null) {
            return Optional.of("is required for an individual client");
        }
        if (!birthDate.isBefore(today)) {
            return Optional.of("must be in the past");
        }
        if (Period.between(birthDate, today).getYears() < MINIMUM_AGE) {
            return Optional.of("the client must be at least " + MINIMUM_AGE + " years old");
        }
        return Optional.empty();
    }

    public AgeBand ageBand(LocalDate today) {
        return type == ClientType.BUSINESS ? AgeBand.UNKNOWN : AgeBand.of(birthDate, today);
    }
}
