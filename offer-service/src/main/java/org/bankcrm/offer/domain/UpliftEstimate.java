package org.bankcrm.offer.domain;

/**
 * The model's uplift over the random control group: the difference of acceptance rates with a normal-approximation
 * (Wald) confidence interval; null bounds when either group has no response yet.
 */
public record UpliftEstimate(long modelResponses, long modelAccepted, long controlResponses, long controlAccepted,
        Double modelRate, Double controlRate, Double uplift, Double lower, Double upper, double confidence) {

    public static UpliftEstimate of(long modelResponses, long modelAccepted, long controlResponses, long controlAccepted,
            double z, double confidence) {
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
}
