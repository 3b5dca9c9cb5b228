package org.bankcrm.offer.domain;

/**
 * score = propensity × value × context × lever. {@code propensityBasis} says where the propensity came from: the
 * offer's learnt model ({@code MODEL}), or, for a client without profiling consent, the offer's prior acceptance rate
 * ({@code OFFER_PRIOR}, rule-based: no model applied to the client). Null in decisions stored before it existed.
 */
public record ScoreComponents(double propensity, double value, double context, double lever, PropensityBasis propensityBasis) {

    public enum PropensityBasis {
        /** a Thompson sample of the offer's propensity model on the client's features */
        MODEL,
        /** the offer's prior acceptance rate, the same for every client: no model applied to the client */
        OFFER_PRIOR
    }

    /** Components of a model-based score. */
    public ScoreComponents(double propensity, double value, double context, double lever) {
        this(propensity, value, context, lever, PropensityBasis.MODEL);
    }

    public double score() {
        return propensity * value * context * lever;
    }
}
