package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.bankcrm.platform.entity.ClientReadModel;

/**
 * What the decision pipeline knows of a client, from events only: client facts (type, age band, income bracket,
 * consents, products held, segments, value quadrant and strategy), the latest experience and open complaints
 * (interaction events), loyalty type, scores and churn risk (loyalty events). A client first heard of through an
 * interaction or loyalty event has no registration yet: no consents, so no marketing.
 */
@Entity
@Table(name = "client_profile")
public class ClientProfile extends ClientReadModel {
    @Column(name = "client_type")
    public String clientType;
    @Column(name = "age_band")
    public String ageBand;
    @Column(name = "income_bracket")
    public String incomeBracket;
    @Embedded
    public MarketingConsents consents = new MarketingConsents();
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "held_products", nullable = false)
    public String heldProducts = "";
    @Column(name = "segments", nullable = false)
    public String segments = "";
    public String quadrant;
    public String strategy;
    @Column(name = "loyalty_type")
    public String loyaltyType;
    public Double behavioural;
    public Double perceived;
    @Column(name = "churn_risk")
    public Double churnRisk;
    /** Journeys (or single touchpoints) with a complaint not resolved yet. */
    @Column(name = "open_complaints", nullable = false)
    public String openComplaints = "";
    @Column(name = "last_negative_bank_caused_at")
    public Instant lastNegativeBankCausedAt;
    @Column(name = "last_channel")
    public String lastChannel;
    @Column(name = "last_type")
    public String lastType;
    @Column(name = "last_valence")
    public String lastValence;
    @Column(name = "last_cause")
    public String lastCause;
    @Column(name = "last_experience_at")
    public Instant lastExperienceAt;
    /** The codes of the needs and motives the client stated last, comma-separated; when they were stated. */
    @Column(name = "stated_needs", nullable = false)
    public String statedNeeds = "";
    @Column(name = "needs_stated_at")
    public Instant needsStatedAt;
    /** The optional profile of client events: codes and counts, null when not known. */
    public String occupation;
    @Column(name = "marital_status")
    public String maritalStatus;
    public String education;
    @Column(name = "household_size")
    public Integer householdSize;
    public Integer dependants;

    public static ClientProfile unknown(UUID clientId) {
        ClientProfile profile = new ClientProfile();
        profile.clientId = clientId;
        return profile;
    }

    public Set<String> heldProductSet() {
        return split(heldProducts);
    }

    public void heldProducts(Collection<String> types) {
        heldProducts = join(types);
    }

    public Set<String> segmentSet() {
        return split(segments);
    }

    public void segments(Collection<String> codes) {
        segments = join(codes);
    }

    public Set<String> openComplaintSet() {
        return split(openComplaints);
    }

    public void openComplaints(Collection<String> ids) {
        openComplaints = join(ids);
    }

    public Set<String> statedNeedSet() {
        return split(statedNeeds);
    }

    /** The client's statement of needs at {@code statedAt}, unless an older one than the statement held. */
    public void stateNeeds(Collection<String> codes, Instant statedAt) {
        if (needsStatedAt == null || !statedAt.isBefore(needsStatedAt)) {
            statedNeeds = join(codes);
            needsStatedAt = statedAt;
        }
    }

    /**
     * Takes loyalty-service's new scores; answers whether they moved anything a decision reads. Decisions read the
     * loyalty type (the lever, a feature of the propensity models) and the churn risk (the retention weighting, a
     * feature); behavioural and perceived loyalty go into the decision's audit snapshot only. A score that moved
     * neither asks for no new decision: it would rank the same actions for the same reasons.
     */
    public boolean takeScores(Double behavioural, Double perceived, String loyaltyType, Double churnRisk) {
        boolean decisive = !Objects.equals(this.loyaltyType, loyaltyType) || !Objects.equals(this.churnRisk, churnRisk);
        this.behavioural = behavioural;
        this.perceived = perceived;
        this.loyaltyType = loyaltyType;
        this.churnRisk = churnRisk;
        return decisive;
    }

    public ClientSnapshot snapshot() {
        Consents c = new Consents(consents.email, consents.sms, consents.push, consents.phone, consents.profiling);
        Experience latest = lastExperienceAt == null ? null
                : new Experience(lastChannel, lastType, lastValence, lastCause, lastExperienceAt);
        return new ClientSnapshot(clientId, clientType, ageBand, incomeBracket, c, heldProductSet(), segmentSet(), quadrant,
                strategy, loyaltyType, behavioural, perceived, churnRisk, openComplaintSet().size(), lastNegativeBankCausedAt,
                latest, statedNeedSet(), demographics());
    }

    public Demographics demographics() {
        return new Demographics(occupation, maritalStatus, education, householdSize, dependants);
    }

    /** Replaces the profile as a client event carries it (absent = not known). */
    public void demographics(Demographics d) {
        occupation = d.occupation();
        maritalStatus = d.maritalStatus();
        education = d.education();
        householdSize = d.householdSize();
        dependants = d.dependants();
    }

    private static Set<String> split(String csv) {
        return csv == null || csv.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(csv.split(",")));
    }

    private static String join(Collection<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).distinct().sorted().collect(Collectors.joining(","));
    }
}
