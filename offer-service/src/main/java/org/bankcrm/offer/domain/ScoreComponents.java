package org.bankcrm.offer.domain;

/**
 * score = propensity × value × context × lever. {@code propensity} is the Thompson sample the ranking used;
 * {@code expectedPropensity} the posterior mean's acceptance probability for the same features (null in decisions
 * stored before it was kept): the sample explores, the mean is the model's best estimate.
 */
public record ScoreComponents(double propensity, double value, double context, double lever, Double expectedPropensity) {
    public ScoreComponents(double propensity, double value, double context, double lever) {
        this(propensity, value, context, lever, null);
    }

    public double score() {
        return propensity * value * context * lever;
    }
}
