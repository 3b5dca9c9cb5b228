package org.bankcrm.loyalty.domain;

/**
 * Churn risk as a probability: a logistic model over the loyalty features,
 * {@code p = 1 / (1 + e^−z)}, {@code z = intercept + behavioural·B/100 + perceived·P/100
 * + openComplaint·open + closure·recentClosures + balanceTrend·trend + bankCausedNegative·recentBankNegatives}.
 * Default coefficients and why: the service README; {@code ChurnModelFitting} fits them from labelled history.
 */
public record ChurnRiskModel(double intercept, double behavioural, double perceived, double openComplaint,
        double closure, double balanceTrend, double bankCausedNegative) {

    public double probability(double behaviouralScore, double perceivedScore, LoyaltyFeatures f) {
        return sigmoid(logit(behaviouralScore, perceivedScore, f));
    }

    public double logit(double behaviouralScore, double perceivedScore, LoyaltyFeatures f) {
        return linear(features(behaviouralScore, perceivedScore, f));
    }

    /** The model's inputs in coefficient order (without the intercept). */
    public static double[] features(double behaviouralScore, double perceivedScore, LoyaltyFeatures f) {
        return new double[] { behaviouralScore / 100, perceivedScore / 100, f.openComplaints(), f.recentClosures(),
                f.balanceTrend() == null ? 0 : f.balanceTrend(), f.recentBankCausedNegatives() };
    }

    public double linear(double[] x) {
        return intercept + behavioural * x[0] + perceived * x[1] + openComplaint * x[2] + closure * x[3]
                + balanceTrend * x[4] + bankCausedNegative * x[5];
    }

    public static ChurnRiskModel of(double[] coefficients) {
        return new ChurnRiskModel(coefficients[0], coefficients[1], coefficients[2], coefficients[3], coefficients[4],
                coefficients[5], coefficients[6]);
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
