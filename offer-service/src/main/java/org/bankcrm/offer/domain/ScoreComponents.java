package org.bankcrm.offer.domain;

/**
 * score = propensity × value × context × lever. {@code propensity} is what the ranking used: a Thompson sample of the
 * offer's learnt model; {@code expectedPropensity} the posterior mean's acceptance probability for the same features
 * (null in decisions stored before it was kept, and without a model): the sample explores, the mean is the model's best
 * estimate. {@code propensityBasis} says where the propensity came from: the offer's learnt model ({@code MODEL}), or,
 * for a client without profiling consent, the offer's prior acceptance rate ({@code OFFER_PRIOR}, rule-based: no model
 * applied to the client). Null in decisions stored before it existed.
 */
public record ScoreComponents(double propensity, double value, double context, double lever, Double expectedPropensity,
        PropensityBasis propensityBasis) {

    public enum PropensityBasis {
        /** a Thompson sample of the offer's propensity model on the client's features */
        MODEL,
        /** the offer's prior acceptance rate, the same for every client: no model applied to the client */
        OFFER_PRIOR
    }

    /** Components of a model-based score, without the posterior mean. */
    public ScoreComponents(double propensity, double value, double context, double lever) {
        this(propensity, value, context, lever, null, PropensityBasis.MODEL);
    }

    /** Components of a model-based score with the posterior mean beside the sample. */
    public ScoreComponents(double propensity, double value, double context, double lever, Double expectedPropensity) {
        this(propensity, value, context, lever, expectedPropensity, PropensityBasis.MODEL);
    }

    /** Components of a score on the given basis, without the posterior mean. */
    public ScoreComponents(double propensity, double value, double context, double lever, PropensityBasis propensityBasis) {
        this(propensity, value, context, lever, null, propensityBasis);
    }

    public double score() {
        return propensity * value * context * lever;
    }
}
