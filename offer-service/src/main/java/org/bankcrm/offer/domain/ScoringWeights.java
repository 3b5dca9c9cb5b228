package org.bankcrm.offer.domain;

import java.time.Duration;

/** The tunable numbers of the score and the contact policy (configuration, crm.offer.*). */
public record ScoringWeights(double valueScale, double minValue, double assistedChannelWeight, double recoveryWeight,
        double positiveExperienceWeight, double churnRetentionWeight, double churnRiskThreshold, double strategyWeight,
        double loyaltyWeight, Duration recoveryWindow) {
}
