package org.bankcrm.client.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    /** No one alive was born earlier; an older date is a typo or a placeholder from another system. */
    public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    /** Older than the oldest person on record: a typo, not a client. */
    public static final int MAXIMUM_AGE = 120;

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
    @Enumerated(EnumType.STRING)
    @Column(name = "preferred_channel")
    public Channel preferredChannel;
    @Embedded
    public Consents consents = Consents.none();
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "value_quadrant")
    public ValueQuadrant valueQuadrant;
    @Enumerated(EnumType.STRING)
    @Column(name = "strategy")
    public ValueStrategy strategy;
    /** Trailing profitability, potential (0-100) and when they were last computed: see ValuePolicy. */
    public java.math.BigDecimal profitability;
    public java.math.BigDecimal potential;
    @Column(name = "value_computed_at")
    public Instant valueComputedAt;
    /** Set once the client's personal data was erased; the id and the aggregates stay. */
    @Column(name = "erased_at")
    public Instant erasedAt;

    public static Client from(ClientDetails details) {
        Client client = new Client();
        client.replaceWith(details);
        return client;
    }

    public ClientDetails details() {
        return new ClientDetails(externalRef, type, fullName, birthDate, email, phone, incomeBracket, customerSince,
                consents.copy(), preferredChannel);
    }

    /**
     * Takes every detail from {@code next} and returns the names of the fields that changed (names only:
     * events may say what changed, never to what).
     */
    public Set<String> replaceWith(ClientDetails next) {
        Set<String> changed = new LinkedHashSet<>();
        if (!Objects.equals(externalRef, next.externalRef())) {
            changed.add("externalRef");
            externalRef = next.externalRef();
        }
        if (type != next.type()) {
            changed.add("type");
            type = next.type();
        }
        if (!Objects.equals(fullName, next.fullName())) {
            changed.add("fullName");
            fullName = next.fullName();
        }
        if (!Objects.equals(birthDate, next.birthDate())) {
            changed.add("birthDate");
            birthDate = next.birthDate();
        }
        if (!Objects.equals(email, next.email())) {
            changed.add("email");
            email = next.email();
        }
        if (!Objects.equals(phone, next.phone())) {
            changed.add("phone");
            phone = next.phone();
        }
        if (incomeBracket != next.incomeBracket()) {
            changed.add("incomeBracket");
            incomeBracket = next.incomeBracket();
        }
        if (next.customerSince() != null && !Objects.equals(customerSince, next.customerSince())) {
            changed.add("customerSince");
            customerSince = next.customerSince();
        }
        if (preferredChannel != next.preferredChannel()) {
            changed.add("preferredChannel");
            preferredChannel = next.preferredChannel();
        }
        Consents nextConsents = next.consents() == null ? Consents.none() : next.consents();
        if (!consents.equals(nextConsents)) {
            changed.add("consents");
            consents = nextConsents.copy();
        }
        return changed;
    }

    public boolean isErased() {
        return erasedAt != null;
    }

    /**
     * Right to erasure: the name, contacts, birth date and core-banking reference are replaced by
     * placeholders and every consent is withdrawn; the pseudonymous id, type, income bracket, tenure,
     * products and financials stay, so the bank's aggregates do not change.
     */
    public void erase(Instant now) {
        externalRef = "ERASED-" + id;
        fullName = "ERASED";
        birthDate = null;
        email = null;
        phone = null;
        consents = Consents.none();
        erasedAt = now;
        updatedAt = now;
    }

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
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE) || Period.between(birthDate, today).getYears() > MAXIMUM_AGE) {
            return Optional.of("must not be before " + EARLIEST_BIRTH_DATE + " nor make the client older than "
                    + MAXIMUM_AGE);
        }
        return Optional.empty();
    }

    public AgeBand ageBand(LocalDate today) {
        return type == ClientType.BUSINESS ? AgeBand.UNKNOWN : AgeBand.of(birthDate, today);
    }
}
