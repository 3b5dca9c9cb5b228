package org.bankcrm.offer.domain;

import java.util.Arrays;
import java.util.Random;

/**
 * Online Bayesian logistic regression of one action's acceptance over the client's features, with a diagonal
 * Gaussian posterior on the weights (Chapelle and Li 2011): each response moves the weights to the posterior mode
 * and sharpens their precision; a decision samples weights from the posterior (Thompson sampling) so uncertain
 * actions get explored. The bias weight starts at the logit of the offer's Beta prior with the prior's strength as
 * its precision: a cold offer ranks by what the bank expects of it until responses say otherwise.
 *
 * <p>Behaviour drifts (the base rate of a campaign moves with the season and the economy), so an update may also
 * forget: each precision is multiplied by {@code keep} after the answer, never below the prior's, so an old regime
 * weighs less and less and the model stays as open to new evidence as it was before any answer; the effective memory
 * is about {@code 1 / (1 - keep)} answers.
 */
public final class PropensityModel {
    private final double[] mean;
    private final double[] precision;
    private long observations;

    public PropensityModel(double[] mean, double[] precision, long observations) {
        if (mean.length != precision.length) {
            throw new IllegalArgumentException("mean and precision differ in size");
        }
        this.mean = mean.clone();
        this.precision = precision.clone();
        this.observations = observations;
    }

    /** A fresh model: the Beta(accepted, declined) prior on the bias, weak zero-mean priors on the other weights. */
    public static PropensityModel fromPrior(int size, double priorAccepted, double priorDeclined, double weightPrecision) {
        double[] mean = new double[size];
        double[] precision = new double[size];
        Arrays.fill(precision, weightPrecision);
        double rate = priorAccepted / (priorAccepted + priorDeclined);
        mean[0] = Math.log(rate / (1 - rate));
        // a Beta with n pseudo-observations pins the logit about as much as n Bernoulli observations at that rate
        precision[0] = Math.max(weightPrecision, (priorAccepted + priorDeclined) * rate * (1 - rate));
        return new PropensityModel(mean, precision, 0);
    }

    /** The posterior mean's acceptance probability. */
    public double expected(double[] x) {
        return sigmoid(dot(mean, x));
    }

    /** An acceptance probability under weights drawn from the posterior: exploration by sampling. */
    public double sample(double[] x, Random random) {
        double z = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                z += (mean[i] + random.nextGaussian() / Math.sqrt(precision[i])) * x[i];
            }
        }
        return sigmoid(z);
    }

    /** Learns from one answer: accepted (true) or not; forgets nothing. */
    public void update(double[] x, boolean accepted) {
        update(x, accepted, 1.0, null);
    }

    /**
     * Learns from one answer, then forgets a little: every precision is multiplied by {@code keep} (in (0, 1]; 1 =
     * never forget) but never falls below {@code priorPrecision} (the offer's prior; null = no floor but 0).
     */
    public void update(double[] x, boolean accepted, double keep, double[] priorPrecision) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep must be in (0, 1]: " + keep);
        }
        if (priorPrecision != null && priorPrecision.length != precision.length) {
            throw new IllegalArgumentException("prior precision and precision differ in size");
        }
        double y = accepted ? 1 : 0;
        double s = dot(mean, x);
        double v = 0;
        for (int i = 0; i < x.length; i++) {
            v += x[i] * x[i] / precision[i];
        }
        // the mode lies on mean + c * x / precision; solve c = y - sigmoid(s + c v) by Newton's method
        double c = 0;
        for (int iteration = 0; iteration < 20; iteration++) {
            double p = sigmoid(s + c * v);
            double f = c - y + p;
            double slope = 1 + p * (1 - p) * v;
            double step = f / slope;
            c -= step;
            if (Math.abs(step) < 1e-10) {
                break;
            }
        }
        for (int i = 0; i < x.length; i++) {
            mean[i] += c * x[i] / precision[i];
        }
        double p = sigmoid(dot(mean, x));
        for (int i = 0; i < x.length; i++) {
            precision[i] += p * (1 - p) * x[i] * x[i];
        }
        if (keep < 1) {
            for (int i = 0; i < precision.length; i++) {
                double floor = priorPrecision == null ? 0 : priorPrecision[i];
                precision[i] = Math.max(floor, precision[i] * keep);
            }
        }
        observations++;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] precision() {
        return precision.clone();
    }

    public long observations() {
        return observations;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
