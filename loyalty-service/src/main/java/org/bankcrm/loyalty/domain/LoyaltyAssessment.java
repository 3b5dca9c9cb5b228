package org.bankcrm.loyalty.domain;

import java.util.List;

/** A client's loyalty at one moment: both scores (0–100), the type, the churn risk (0–1), why, and on what. */
public record LoyaltyAssessment(double behavioural, double perceived, LoyaltyType type, double churnRisk,
        List<ScoreFactor> factors, ScoreBasis basis) {
}
