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
    public double churnRisk;
    @Column(name = "trigger_event_type", nullable = false)
    public String triggerEventType;
    @Column(name = "trigger_event_id", nullable = false)
    public String triggerEventId;
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
    /** The churn model's inputs then, as a CSV row (see ChurnModelFitting); null before they were kept. */
    @Column(name = "churn_inputs")
    public String churnInputs;

    public static ScoreChange of(LoyaltyScore score, LoyaltyFeatures features) {
        ScoreChange change = new ScoreChange();
        change.clientId = score.clientId;
        change.behavioural = score.behavioural;
        change.perceived = score.perceived;
        change.type = score.type;
        change.churnRisk = score.churnRisk;
        change.triggerEventType = score.triggerEventType;
        change.triggerEventId = score.triggerEventId;
        change.changedAt = score.updatedAt;
        double[] x = ChurnRiskModel.features(score.behavioural, score.perceived, features);
        change.churnInputs = String.format(java.util.Locale.ROOT, "%.1f,%.1f,%.0f,%.4f,%.4f,%.4f", x[0] * 100, x[1] * 100,
                x[2], x[3], x[4], x[5]);
        return change;
    }
}
