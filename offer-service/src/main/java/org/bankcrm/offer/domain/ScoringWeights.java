package org.bankcrm.offer.domain;

import java.time.Duration;

/** The tunable numbers of the score and the contact policy (configuration, crm.offer.*). */
public record ScoringWeights(double valueScale, double minValue, double assistedChannelWeight, double recoveryWeight,
        double positiveExperienceWeight, double churnRetentionWeight, double churnRiskThreshold, double strategyWeight,
        double loyaltyWeight, Duration recoveryWindow, double contactReasonWeight) {

    /** Weights without a contact-reason preference (the replay: a campaign call has no reason of the client's). */
    public ScoringWeights(double valueScale, double minValue, double assistedChannelWeight, double recoveryWeight,
            double positiveExperienceWeight, double churnRetentionWeight, double churnRiskThreshold, double strategyWeight,
            double loyaltyWeight, Duration recoveryWindow) {
        this(valueScale, minValue, assistedChannelWeight, recoveryWeight, positiveExperienceWeight, churnRetentionWeight,
                churnRiskThreshold, strategyWeight, loyaltyWeight, recoveryWindow, 1.0);
    }
}
