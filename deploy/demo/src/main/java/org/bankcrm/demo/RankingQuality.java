package org.bankcrm.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** How well a score ranks what happened: the replays' measures, computed the same way for every model. */
final class RankingQuality {
    private RankingQuality() {
    }

    /**
     * Area under the ROC curve of {@code score} against {@code positive} (Mann-Whitney: the chance a positive ranks above
     * a negative, ties counted half); NaN without positives or negatives.
     */
    static <T> double auc(List<T> items, ToDoubleFunction<T> score, Predicate<T> positive) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingDouble(score));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            double value = score.applyAsDouble(sorted.get(i));
            while (j < sorted.size() && score.applyAsDouble(sorted.get(j)) == value) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (positive.test(sorted.get(k))) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = sorted.size() - positives;
        return positives == 0 || negatives == 0 ? Double.NaN
                : (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
