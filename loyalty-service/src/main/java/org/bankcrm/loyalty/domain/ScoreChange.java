package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of a client's scores, kept as history. */
@Entity
@Table(name = "score_change")
public class ScoreChange {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "client_id", nullable = false)
    public UUID clientId;
    @Column(nullable = false)
    public double behavioural;
    @Column(nullable = false)
    public double perceived;
    @Column(name = "loyalty_type", nullable = false)
    public String type;
    @Column(name = "churn_risk", nullable = false)
    public Double churnRisk;
    @Column(name = "trigger_event_type", nullable = false)
    public String triggerEventType;
    @Column(name = "trigger_event_id", nullable = false)
    public String triggerEventId;
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
    /**
     * The churn model's inputs then (each feature's transformed distance from typical, in {@link ChurnFeature}
     * order), comma-separated; what the online fit learns from. Null before they were kept.
     */
    @Column(name = "churn_inputs")
    public String churnInputs;
    /** The client's country of residence then: the market indicators follow from it and the markets configured. */
    @Column(name = "churn_market")
    public String churnMarket;

    /** {@code churnInputs}: the model's full inputs, of which the feature part is kept (with the country). */
    public static ScoreChange of(LoyaltyScore score, double[] churnInputs, String countryOfResidence) {
        ScoreChange change = new ScoreChange();
        change.clientId = score.clientId;
        change.behavioural = score.behavioural;
        change.perceived = score.perceived;
        change.type = score.type;
        change.churnRisk = score.churnRisk;
        change.triggerEventType = score.triggerEventType;
        change.triggerEventId = score.triggerEventId;
        change.changedAt = score.updatedAt;
        change.churnMarket = churnInputs == null ? null : countryOfResidence;
        change.churnInputs = churnInputs == null ? null : java.util.Arrays.stream(ChurnRiskModel.featureInputs(churnInputs))
                .mapToObj(x -> String.format(java.util.Locale.ROOT, "%.4f", x)).collect(java.util.stream.Collectors.joining(","));
        return change;
    }
}
