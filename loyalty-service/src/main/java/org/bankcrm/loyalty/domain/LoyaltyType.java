package org.bankcrm.loyalty.domain;

/** Dick & Basu: behavioural loyalty crossed with perceived (attitudinal) loyalty. */
public enum LoyaltyType {
    /** uses a lot and feels loyal */
    TRUE,
    /** feels loyal, uses little: room to develop the relationship */
    LATENT,
    /** uses a lot, feels nothing: at risk the day a competitor calls */
    SPURIOUS,
    /** neither */
    NONE;

    /** The type for the two scores, with the configured "high" thresholds (a score at the threshold is high). */
    public static LoyaltyType classify(double behavioural, double perceived, TypeThresholds thresholds) {
        boolean usesMuch = behavioural >= thresholds.behaviouralHigh();
        boolean feelsLoyal = perceived >= thresholds.perceivedHigh();
        if (usesMuch) {
            return feelsLoyal ? TRUE : SPURIOUS;
        }
        return feelsLoyal ? LATENT : NONE;
    }

    /** From which score (0–100) behaviour and perception count as high. */
    public record TypeThresholds(double behaviouralHigh, double perceivedHigh) {
    }
}
