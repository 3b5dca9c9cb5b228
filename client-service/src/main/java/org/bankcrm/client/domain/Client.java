package org.bankcrm.client.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
    @Enumerated(EnumType.STRING)
    public Occupation occupation;
    @Enumerated(EnumType.STRING)
    @Column(name = "marital_status")
    public MaritalStatus maritalStatus;
    @Enumerated(EnumType.STRING)
    public Education education;
    @Column(name = "household_size")
    public Integer householdSize;
    public Integer dependants;
    /** ISO 3166-1 alpha-2, e.g. DE: where the client lives (not their nationality). */
    @Column(name = "country_of_residence")
    public String countryOfResidence;
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
    /** The version of the client's own record: 1 at registration, one more at each change of it or its erasure. */
    public long version;
    /** Set once the client's personal data was erased; the id and the aggregates stay. */
    @Column(name = "erased_at")
    public Instant erasedAt;
    /** Set while the client counts as gone (see {@link #leave}); cleared when they return. */
    @Column(name = "left_at")
    public Instant leftAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "left_reason")
    public DepartureReason leftReason;
    /** The reporting system's own code for a REPORTED departure, e.g. MOVED_ABROAD. */
    @Column(name = "left_reported_reason")
    public String leftReportedReason;
    /** The codes of the client's current statement of needs, comma-separated (see {@link #statedNeeds()}). */
    @Column(name = "stated_needs", nullable = false)
    public String statedNeedCodes = "";
    @Column(name = "needs_stated_at")
    public Instant needsStatedAt;
    @Column(name = "needs_interaction_id")
    public UUID needsInteractionId;

    public static Client from(ClientDetails details) {
        Client client = new Client();
        client.replaceWith(details);
        return client;
    }

    public ClientDetails details() {
        return new ClientDetails(externalRef, type, fullName, birthDate, email, phone, incomeBracket, customerSince,
                consents.copy(), preferredChannel, profile());
    }

    public ClientProfile profile() {
        return new ClientProfile(occupation, maritalStatus, education, householdSize, dependants, countryOfResidence);
    }

    /** The needs and motives the client stated last; {@link StatedNeeds#NONE} before any statement. */
    public StatedNeeds statedNeeds() {
        Set<StatedNeed> codes = statedNeedCodes == null || statedNeedCodes.isBlank() ? Set.of()
                : Arrays.stream(statedNeedCodes.split(",")).map(StatedNeed::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(StatedNeed.class)));
        return new StatedNeeds(codes, needsStatedAt, needsInteractionId);
    }

    /**
     * Takes the client's statement of needs unless an erased client's, an older one or the same again; true when it
     * was taken. Not part of the record a channel edits, so the version stays.
     */
    public boolean stateNeeds(StatedNeeds statement, Instant now) {
        if (isErased() || !statedNeeds().isReplacedBy(statement)) {
            return false;
        }
        statedNeedCodes = statement.codes().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        needsStatedAt = statement.statedAt();
        needsInteractionId = statement.interactionId();
        updatedAt = now;
        return true;
    }

    /**
     * Takes every detail from {@code next} and returns the names of the fields that changed (names only:
     * events may say what changed, never to what); a change raises the version.
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
        ClientProfile profile = next.profile();
        if (occupation != profile.occupation()) {
            changed.add("occupation");
            occupation = profile.occupation();
        }
        if (maritalStatus != profile.maritalStatus()) {
            changed.add("maritalStatus");
            maritalStatus = profile.maritalStatus();
        }
        if (education != profile.education()) {
            changed.add("education");
            education = profile.education();
        }
        if (!Objects.equals(householdSize, profile.householdSize())) {
            changed.add("householdSize");
            householdSize = profile.householdSize();
        }
        if (!Objects.equals(dependants, profile.dependants())) {
            changed.add("dependants");
            dependants = profile.dependants();
        }
        if (!Objects.equals(countryOfResidence, profile.countryOfResidence())) {
            changed.add("countryOfResidence");
            countryOfResidence = profile.countryOfResidence();
        }
        Consents nextConsents = next.consents() == null ? Consents.none() : next.consents();
        if (!consents.equals(nextConsents)) {
            changed.add("consents");
            consents = nextConsents.copy();
        }
        if (!changed.isEmpty()) {
            version++;
        }
        return changed;
    }

    public boolean hasLeft() {
        return leftAt != null;
    }

    /**
     * Marks the client gone at {@code at}; false when they had already left, since the first departure stands
     * (a report after the last product closed, or a second report, changes nothing).
     */
    public boolean leave(Instant at, DepartureReason reason, String reportedReason, Instant now) {
        if (hasLeft()) {
            return false;
        }
        leftAt = at;
        leftReason = reason;
        leftReportedReason = reportedReason;
        updatedAt = now;
        return true;
    }

    /**
     * The client comes back (opens a product) at {@code at}, never before they left; returns that instant, or
     * null when they had not left.
     */
    public Instant returnAt(Instant at, Instant now) {
        if (!hasLeft()) {
            return null;
        }
        Instant returnedAt = at.isBefore(leftAt) ? leftAt : at;
        leftAt = null;
        leftReason = null;
        leftReportedReason = null;
        updatedAt = now;
        return returnedAt;
    }

    /** Why a departure at {@code leftAt} cannot be recorded on {@code now}, if it cannot. */
    public Optional<String> departureProblem(Instant leftAt, Instant now) {
        if (leftAt.isAfter(now)) {
            return Optional.of("must not be in the future");
        }
        if (customerSince != null && leftAt.isBefore(customerSince.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            return Optional.of("must not be before customerSince " + customerSince);
        }
        return Optional.empty();
    }

    public boolean isErased() {
        return erasedAt != null;
    }

    /**
     * Right to erasure: the name, contacts, birth date and core-banking reference are replaced by
     * placeholders, the profile (occupation, family, education, country) and the stated needs are cleared and every consent is withdrawn; the
     * pseudonymous id, type, income bracket, tenure, products and financials stay, so the bank's aggregates do not
     * change.
     */
    public void erase(Instant now) {
        externalRef = "ERASED-" + id;
        fullName = "ERASED";
        birthDate = null;
        email = null;
        phone = null;
        consents = Consents.none();
        occupation = null;
        maritalStatus = null;
        education = null;
        householdSize = null;
        dependants = null;
        countryOfResidence = null;
        // what the client said they want in life is about the person
        statedNeedCodes = "";
        needsStatedAt = null;
        needsInteractionId = null;
        // a reporting system's code (e.g. DECEASED) may say something about the person; when and why stay
        leftReportedReason = null;
        erasedAt = now;
        updatedAt = now;
        version++;
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

    /**
     * The year of birth, the only part of the birth date that leaves this service (in the client events, for the
     * churn model's age); null for a business or an unknown (erased) birth date, as the age band is UNKNOWN then.
     */
    public Integer birthYear() {
        return type == ClientType.BUSINESS || birthDate == null ? null : birthDate.getYear();
    }
}
