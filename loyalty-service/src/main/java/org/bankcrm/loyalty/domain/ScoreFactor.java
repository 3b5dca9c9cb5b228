package org.bankcrm.loyalty.domain;

/**
 * One reason behind a score: which score it moves ({@code BEHAVIOURAL} or {@code PERCEIVED}: points, signed,
 * against the neutral 50; {@code CHURN}: log-odds of leaving, signed, against a typical client), and a sentence a
 * bank employee understands.
 */
public record ScoreFactor(String name, String scale, double contribution, String text) {
    public static final String BEHAVIOURAL = "BEHAVIOURAL";
    public static final String PERCEIVED = "PERCEIVED";

    public ScoreFactor {
        // points to one decimal; churn contributions are log-odds, where a tenth is too coarse
        contribution = ChurnRiskModel.CHURN_SCALE.equals(scale) ? Math.round(contribution * 100) / 100.0
                : Math.round(contribution * 10) / 10.0;
    }
}
