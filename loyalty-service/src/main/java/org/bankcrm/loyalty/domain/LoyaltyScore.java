package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A client's current loyalty score; the factors are kept as the JSON the API returns. */
@Entity
@Table(name = "loyalty_score")
public class LoyaltyScore {
    @Id
    @Column(name = "client_id")
    public UUID clientId;
    @Column(nullable = false)
    public double behavioural;
    @Column(nullable = false)
    public double perceived;
    @Column(name = "loyalty_type", nullable = false)
    public String type;
    @Column(name = "churn_risk", nullable = false)
    public Double churnRisk;
    @Column(nullable = false)
    public String factors;
    @Column(name = "basis_interactions", nullable = false)
    public int basisInteractions;
    @Column(name = "basis_products", nullable = false)
    public int basisProducts;
    @Column(name = "basis_months", nullable = false)
    public int basisMonths;
    @Column(name = "trigger_event_type", nullable = false)
    public String triggerEventType;
    @Column(name = "trigger_event_id", nullable = false)
    public String triggerEventId;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether the assessment differs from this score in a value the bank sees. */
    public boolean differsFrom(LoyaltyAssessment a) {
        return behavioural != a.behavioural() || perceived != a.perceived() || !type.equals(a.type().name())
                || !java.util.Objects.equals(churnRisk, a.churnRisk());
    }

    public void set(LoyaltyAssessment a, String factorsJson, String eventType, String eventId, Instant at) {
        behavioural = a.behavioural();
        perceived = a.perceived();
        type = a.type().name();
        churnRisk = a.churnRisk();
        factors = factorsJson;
        basisInteractions = a.basis().interactions();
        basisProducts = a.basis().products();
        basisMonths = a.basis().monthsOfFinancials();
        triggerEventType = eventType;
        triggerEventId = eventId;
        updatedAt = at;
    }

    public ScoreBasis basis() {
        return new ScoreBasis(basisInteractions, basisProducts, basisMonths);
    }
}
