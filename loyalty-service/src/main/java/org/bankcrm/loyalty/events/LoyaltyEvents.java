package org.bankcrm.loyalty.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bankcrm.loyalty.domain.ScoreBasis;
import org.bankcrm.loyalty.domain.ScoreFactor;

/** What loyalty-service publishes on {@code crm.loyalty.events.v1} (contracts: src/main/resources/contracts/). */
public final class LoyaltyEvents {
    public static final String TOPIC = "crm.loyalty.events.v1";
    public static final String SCORE_CHANGED = "crm.loyalty.score-changed";
    public static final String TYPE_CHANGED = "crm.loyalty.type-changed";
    public static final String CHURN_RISK_RAISED = "crm.loyalty.churn-risk-raised";

    private LoyaltyEvents() {
    }

    public record Previous(double behavioural, double perceived, String type, Double churnRisk) {
    }

    public record ScoreChanged(UUID clientId, double behavioural, double perceived, String type, Double churnRisk,
            List<ScoreFactor> factors, ScoreBasis basis, Previous previous, String triggerEventType,
            String triggerEventId, List<String> causedBy, Instant scoredAt) {
    }

    public record TypeChanged(UUID clientId, String type, String previousType, double behavioural, double perceived,
            String triggerEventType, Instant changedAt) {
    }

    public record ChurnRiskRaised(UUID clientId, double churnRisk, Double previousChurnRisk, double threshold,
            String type, String triggerEventType, Instant raisedAt) {
    }
}
