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
        return fromPrior(prior, priorPrecision, priorPrecision);
    }

    /**
     * Starts at the prior, with {@code marketPrecision} on the market indicators: learnt only (prior mean 0), so held
     * loosely, with a variance of their own.
     */
    public static OnlineChurnFit fromPrior(ChurnRiskModel prior, double priorPrecision, double marketPrecision) {
        double[] mean = prior.coefficients();
        double[] precision = new double[mean.length];
        Arrays.fill(precision, priorPrecision);
        Arrays.fill(precision, ChurnRiskModel.FEATURES + 1, precision.length, marketPrecision);
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

    /**
     * The posterior from the prior and every observation at once, whatever their order: the mode (MAP) of the
     * logistic likelihood times the prior's Gaussian, by Newton's method, and as precision the prior's plus the
     * likelihood's curvature at the mode (Laplace). Online updates depend on the order labels arrive in (a first
     * labelling run brings every stayer at once, after the leavers); this consolidation does not.
     */
    public static OnlineChurnFit refit(OnlineChurnFit prior, java.util.List<double[]> inputs, java.util.List<Boolean> left) {
        double[] m = prior.mean();
        double[] p0 = prior.precision();
        int k = m.length;
        double[] beta = m.clone();
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[k];
            double[][] hessian = new double[k][k];
            for (int j = 0; j < k; j++) {
                gradient[j] = -p0[j] * (beta[j] - m[j]);
                hessian[j][j] = p0[j];
            }
            for (int n = 0; n < inputs.size(); n++) {
                double[] x = LogisticFit.withIntercept(inputs.get(n));
                double q = ChurnRiskModel.sigmoid(LogisticFit.dot(beta, x));
                double r = (left.get(n) ? 1 : 0) - q;
                double w = q * (1 - q);
                for (int a = 0; a < k; a++) {
                    gradient[a] += r * x[a];
                    for (int b = 0; b < k; b++) {
                        hessian[a][b] += w * x[a] * x[b];
                    }
                }
            }
            double[] step = LogisticFit.solve(hessian, gradient);
            double largest = 0;
            for (int j = 0; j < k; j++) {
                beta[j] += step[j];
                largest = Math.max(largest, Math.abs(step[j]));
            }
            if (largest < 1e-8) {
                break;
            }
        }
        double[] precision = p0.clone();
        for (double[] input : inputs) {
            double[] x = LogisticFit.withIntercept(input);
            double q = ChurnRiskModel.sigmoid(LogisticFit.dot(beta, x));
            for (int j = 0; j < k; j++) {
                precision[j] += q * (1 - q) * x[j] * x[j];
            }
        }
        long positives = left.stream().filter(b -> b).count();
        return new OnlineChurnFit(beta, precision, positives, left.size() - positives);
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
