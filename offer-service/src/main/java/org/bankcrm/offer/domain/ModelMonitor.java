package org.bankcrm.offer.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * How one offer's propensity model is doing, kept answer by answer beside its posterior: the last {@code window}
 * answers with the propensity the model expected before each (posterior mean), for the online AUC and the
 * calibration (Brier score, mean predicted vs observed rate); and the mean of each input over all answers and over
 * about the last {@code window} (an exponentially weighted mean with that memory), for feature drift.
 */
public final class ModelMonitor {
    /** One answer: the posterior mean before it, and whether it was an acceptance. */
    public record Answer(double expected, boolean accepted) {
    }

    /** One input's mean over all answers and over the recent ones. */
    public record Drift(double allTimeMean, double recentMean) {
        public double shift() {
            return recentMean - allTimeMean;
        }
    }

    /** What the monitoring endpoint and the gauges show; {@code auc} is NaN while the window lacks either answer. */
    public record Summary(long answers, int window, double auc, double brier, double meanExpected, double observedRate) {
    }

    private final int window;
    private final Deque<Answer> recent;
    private final double[] sums;
    private final double[] recentMeans;
    private long count;

    public ModelMonitor(int window, List<Answer> recent, double[] sums, double[] recentMeans, long count) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        if (sums.length != recentMeans.length) {
            throw new IllegalArgumentException("sums and recent means differ in size");
        }
        this.window = window;
        this.recent = new ArrayDeque<>(recent.subList(Math.max(0, recent.size() - window), recent.size()));
        this.sums = sums.clone();
        this.recentMeans = recentMeans.clone();
        this.count = count;
    }

    public static ModelMonitor empty(int window, int features) {
        return new ModelMonitor(window, List.of(), new double[features], new double[features], 0);
    }

    /** Records one learnt answer: its features, the propensity expected before it, the answer. */
    public void record(double[] x, double expected, boolean accepted) {
        if (x.length != sums.length) {
            throw new IllegalArgumentException("features differ in size from the monitor's");
        }
        recent.addLast(new Answer(expected, accepted));
        while (recent.size() > window) {
            recent.removeFirst();
        }
        count++;
        // the recent mean starts as the plain mean and becomes an exponentially weighted one with a memory of `window`
        double alpha = 1.0 / Math.min(count, window);
        for (int i = 0; i < x.length; i++) {
            sums[i] += x[i];
            recentMeans[i] += alpha * (x[i] - recentMeans[i]);
        }
    }

    public Summary summary() {
        List<Answer> answers = recentAnswers();
        double brier = 0;
        double expected = 0;
        double observed = 0;
        for (Answer a : answers) {
            double y = a.accepted() ? 1 : 0;
            brier += (a.expected() - y) * (a.expected() - y);
            expected += a.expected();
            observed += y;
        }
        int n = answers.size();
        return new Summary(count, n, auc(answers), n == 0 ? Double.NaN : brier / n, n == 0 ? Double.NaN : expected / n,
                n == 0 ? Double.NaN : observed / n);
    }

    /** Each input's all-time and recent mean, in the order of the model's features. */
    public List<Drift> drift() {
        List<Drift> drift = new ArrayList<>(sums.length);
        for (int i = 0; i < sums.length; i++) {
            drift.add(new Drift(count == 0 ? 0 : sums[i] / count, recentMeans[i]));
        }
        return drift;
    }

    /** Mann-Whitney AUC of the expected propensities against the answers, ties counted half; NaN without both answers. */
    static double auc(List<Answer> answers) {
        List<Answer> sorted = new ArrayList<>(answers);
        sorted.sort((a, b) -> Double.compare(a.expected(), b.expected()));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).expected() == sorted.get(i).expected()) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (sorted.get(k).accepted()) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = sorted.size() - positives;
        return positives == 0 || negatives == 0 ? Double.NaN
                : (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    public List<Answer> recentAnswers() {
        return List.copyOf(recent);
    }

    public double[] sums() {
        return sums.clone();
    }

    public double[] recentMeans() {
        return recentMeans.clone();
    }

    public long count() {
        return count;
    }

    public int window() {
        return window;
    }
}
