package org.bankcrm.offer.domain;

/** score = propensity × value × context × lever. */
public record ScoreComponents(double propensity, double value, double context, double lever) {
    public double score() {
        return propensity * value * context * lever;
    }
}
