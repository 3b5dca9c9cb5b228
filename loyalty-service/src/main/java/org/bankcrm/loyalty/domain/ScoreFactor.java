package org.bankcrm.loyalty.domain;

/**
 * One reason behind a score: which score it moves ({@code BEHAVIOURAL} or {@code PERCEIVED}), by how many
 * points (signed, against the neutral 50), and a sentence a bank employee understands.
 */
public record ScoreFactor(String name, String scale, double contribution, String text) {
    public static final String BEHAVIOURAL = "BEHAVIOURAL";
    public static final String PERCEIVED = "PERCEIVED";

    public ScoreFactor {
        contribution = Math.round(contribution * 10) / 10.0;
    }
}
