package org.bankcrm.chaos;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The decision point's latency as a channel sees it, sample by sample: every {@code POST /api/v1/decisions} attempt with
 * the time its answer took, or, for an attempt that got no answer or a 5xx, the time until it failed counted as at least
 * {@link #FAILED_MILLIS} (a channel that got no decision waited in vain). The p99 of a sliding window of the samples that
 * ended in the last {@code window} nanoseconds is what the recovery criterion reads: the "decision point's p99
 * back under 100 ms".
 */
final class DecisionLatency {
    /** What a failed attempt counts as: above any target, so a window with failures is not "back". */
    static final double FAILED_MILLIS = 10_000;
    /** Fewer samples than this in a window say nothing of its p99. */
    static final int MIN_SAMPLES = 10;

    private record Sample(long at, double millis) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final long keepNanos;

    /** {@code keepNanos}: how long samples are kept (at least the longest window asked for). */
    DecisionLatency(long keepNanos) {
        this.keepNanos = keepNanos;
    }

    /** An answered attempt that ended at {@code at} (System.nanoTime) and took {@code millis}. */
    synchronized void answered(long at, double millis) {
        add(new Sample(at, millis));
    }

    /** An attempt without an answer or with a 5xx that ended at {@code at}. */
    synchronized void failed(long at, double millis) {
        add(new Sample(at, Math.max(FAILED_MILLIS, millis)));
    }

    private void add(Sample sample) {
        samples.addLast(sample);
        while (!samples.isEmpty() && samples.peekFirst().at() < sample.at() - keepNanos) {
            samples.removeFirst();
        }
    }

    /** The p99 (nearest rank) of the samples that ended in {@code (now - window, now]}; NaN with fewer than {@link #MIN_SAMPLES}. */
    synchronized double p99(long now, long windowNanos) {
        List<Double> window = new ArrayList<>();
        for (Sample s : samples) {
            if (s.at() > now - windowNanos && s.at() <= now) {
                window.add(s.millis());
            }
        }
        return percentile(window, 0.99);
    }

    /** How many samples ended in the window. */
    synchronized int count(long now, long windowNanos) {
        return (int) samples.stream().filter(s -> s.at() > now - windowNanos && s.at() <= now).count();
    }

    /** The nearest-rank percentile of {@code values}; NaN with fewer than {@link #MIN_SAMPLES}. */
    static double percentile(List<Double> values, double quantile) {
        if (values.size() < MIN_SAMPLES) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
