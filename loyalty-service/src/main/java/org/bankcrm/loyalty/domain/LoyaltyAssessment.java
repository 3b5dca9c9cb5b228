package org.bankcrm.loyalty.domain;

import java.util.List;

/**
 * A client's loyalty at one moment: both scores (0–100), the type, the churn risk (0–1), why (the scores'
 * factors, then the churn factors), on what, and the churn model's inputs (kept with each score change, the rows
 * the online fit learns from).
 */
public record LoyaltyAssessment(double behavioural, double perceived, LoyaltyType type, Double churnRisk,
        List<ScoreFactor> factors, List<ScoreFactor> churnFactors, ScoreBasis basis, double[] churnInputs) {

    /** The scores' factors and the churn factors, as the loyalty answer lists them. */
    public List<ScoreFactor> allFactors() {
        List<ScoreFactor> all = new java.util.ArrayList<>(factors);
        all.addAll(churnFactors);
        return List.copyOf(all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoyaltyAssessment a && behavioural == a.behavioural && perceived == a.perceived
                && type == a.type && java.util.Objects.equals(churnRisk, a.churnRisk) && factors.equals(a.factors)
                && churnFactors.equals(a.churnFactors) && basis.equals(a.basis)
                && java.util.Arrays.equals(churnInputs, a.churnInputs);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(behavioural, perceived, type, churnRisk, factors, churnFactors, basis,
                java.util.Arrays.hashCode(churnInputs));
    }
}
