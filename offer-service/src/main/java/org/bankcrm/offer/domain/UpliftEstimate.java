package org.bankcrm.offer.domain;

/**
 * The model's uplift over the random control group: the difference of acceptance rates with a normal-approximation
 * (Wald) confidence interval at z standard errors; null rates and bounds when either group has no response yet.
 */
public record UpliftEstimate(long modelResponses, long modelAccepted, long controlResponses, long controlAccepted,
        Double modelRate, Double controlRate, Double uplift, Double lower, Double upper, double confidence) {

    public static UpliftEstimate of(long modelResponses, long modelAccepted, long controlResponses, long controlAccepted,
            double z) {
        double confidence = confidenceOf(z);
        Double modelRate = modelResponses == 0 ? null : (double) modelAccepted / modelResponses;
        Double controlRate = controlResponses == 0 ? null : (double) controlAccepted / controlResponses;
        if (modelRate == null || controlRate == null) {
            return new UpliftEstimate(modelResponses, modelAccepted, controlResponses, controlAccepted, modelRate,
                    controlRate, null, null, null, confidence);
        }
        double uplift = modelRate - controlRate;
        double se = Math.sqrt(modelRate * (1 - modelRate) / modelResponses + controlRate * (1 - controlRate) / controlResponses);
        return new UpliftEstimate(modelResponses, modelAccepted, controlResponses, controlAccepted, modelRate, controlRate,
                uplift, uplift - z * se, uplift + z * se, confidence);
    }

    /** The two-sided confidence level of ±z standard errors: 1.96 → 0.95. */
    public static double confidenceOf(double z) {
        return 2 * normalCdf(z) - 1;
    }

    /** Standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
