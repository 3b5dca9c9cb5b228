package org.bankcrm.loyalty.domain;

import java.util.Arrays;

/**
 * The churn model learnt from the bank's own history, online: Bayesian logistic regression with a diagonal
 * Gaussian posterior on the coefficients (Chapelle and Li 2011), whose mean starts at the prior's coefficients.
 * Each observation (a snapshot of the churn inputs, and whether the client left within the horizon) moves the
 * coefficients to the posterior mode and sharpens their precision: the prior rules on day one, the history
 * takes over as it grows.
 */
public final class OnlineChurnFit {
    private final double[] mean;
    private final double[] precision;
    private long positives;
    private long negatives;

    public OnlineChurnFit(double[] mean, double[] precision, long positives, long negatives) {
        if (mean.length != precision.length) {
            throw new IllegalArgumentException("mean and precision differ in size");
        }
        this.mean = mean.clone();
        this.precision = precision.clone();
        this.positives = positives;
        this.negatives = negatives;
    }

    /** Starts at the prior: its coefficients as the mean, {@code priorPrecision} on each (how firmly they are held). */
    public static OnlineChurnFit fromPrior(ChurnRiskModel prior, double priorPrecision) {
        double[] mean = prior.coefficients();
        double[] precision = new double[mean.length];
        Arrays.fill(precision, priorPrecision);
        return new OnlineChurnFit(mean, precision, 0, 0);
    }

    /** The probability of leaving under the posterior mean, for the model's inputs (without the intercept). */
    public double probability(double[] x) {
        return ChurnRiskModel.sigmoid(LogisticFit.dot(mean, LogisticFit.withIntercept(x)));
    }

    /** Learns from one snapshot: the client left within the horizon after it (true) or stayed (false). */
    public void observe(double[] inputs, boolean left) {
        double[] x = LogisticFit.withIntercept(inputs);
        double y = left ? 1 : 0;
        double s = LogisticFit.dot(mean, x);
        double v = 0;
        for (int i = 0; i < x.length; i++) {
            v += x[i] * x[i] / precision[i];
        }
        // the mode lies on mean + c · x / precision; solve c = y − sigmoid(s + c·v) by Newton's method
        double c = 0;
        for (int iteration = 0; iteration < 30; iteration++) {
            double p = ChurnRiskModel.sigmoid(s + c * v);
            double step = (c - y + p) / (1 + p * (1 - p) * v);
            c -= step;
            if (Math.abs(step) < 1e-12) {
                break;
            }
        }
        for (int i = 0; i < x.length; i++) {
            mean[i] += c * x[i] / precision[i];
        }
        double p = ChurnRiskModel.sigmoid(LogisticFit.dot(mean, x));
        for (int i = 0; i < x.length; i++) {
            precision[i] += p * (1 - p) * x[i] * x[i];
        }
        if (left) {
            positives++;
        } else {
            negatives++;
        }
    }

    /** The learnt model: the prior's typical values and horizon with the posterior mean as coefficients. */
    public ChurnRiskModel model(ChurnRiskModel prior) {
        return prior.withCoefficients(mean);
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] precision() {
        return precision.clone();
    }

    public long positives() {
        return positives;
    }

    public long negatives() {
        return negatives;
    }
}
