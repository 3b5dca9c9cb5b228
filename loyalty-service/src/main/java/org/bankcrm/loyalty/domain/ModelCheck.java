package org.bankcrm.loyalty.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How good a probability model is on held-out data: ranking (AUC), calibration by bins, Brier score. */
public final class ModelCheck {
    private ModelCheck() {
    }

    public record Scored(double probability, boolean left) {
    }

    /** One calibration bin: clients, mean predicted probability, observed share who left. */
    public record Bin(double from, double to, int clients, double predicted, double observed) {
    }

    /** Area under the ROC curve: the chance a client who left ranks above one who stayed (ties count half). */
    public static double auc(List<Scored> scored) {
        List<Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::probability));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).probability() == sorted.get(i).probability()) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0;
            for (int t = i; t < j; t++) {
                if (sorted.get(t).left()) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = sorted.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    /** Bins of equal count (deciles for 10), in increasing predicted probability. */
    public static List<Bin> calibration(List<Scored> scored, int bins) {
        List<Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::probability));
        List<Bin> result = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * sorted.size() / bins);
            int to = (int) ((long) (b + 1) * sorted.size() / bins);
            if (to <= from) {
                continue;
            }
            List<Scored> bin = sorted.subList(from, to);
            double predicted = bin.stream().mapToDouble(Scored::probability).average().orElse(0);
            double observed = bin.stream().filter(Scored::left).count() / (double) bin.size();
            result.add(new Bin(bin.get(0).probability(), bin.get(bin.size() - 1).probability(), bin.size(), predicted, observed));
        }
        return result;
    }

    public static double brier(List<Scored> scored) {
        return scored.stream().mapToDouble(s -> Math.pow(s.probability() - (s.left() ? 1 : 0), 2)).average().orElse(Double.NaN);
    }
}
