package org.bankcrm.offer.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a channel may tell a decision about the moment ({@code context.features}): an allow-list of names, each with the
 * range its value must lie in, so a channel cannot feed the bank's models a made-up signal or an absurd number.
 */
public final class ChannelFeatures {
    /** The closed range an allowed feature's value must lie in. */
    public record Range(double min, double max) {
    }

    /** Why one feature was refused. */
    public record Rejection(String name, String reason) {
    }

    private final Map<String, Range> allowed;

    private final List<String> names;

    public ChannelFeatures(Map<String, Range> allowed) {
        this.allowed = Map.copyOf(allowed);
        this.names = List.copyOf(new TreeMap<>(allowed).keySet());
    }

    public static final ChannelFeatures NONE = new ChannelFeatures(Map.of());

    /** The propensity model's names of the allowed features, in name order: {@code context.<name>}. */
    public List<String> modelNames() {
        return names.stream().map(n -> "context." + n).toList();
    }

    /** The told values scaled onto 0..1 by their ranges, in name order; a feature not told is 0 (no evidence). */
    public double[] scaled(Map<String, Double> told) {
        double[] x = new double[names.size()];
        for (int i = 0; i < x.length; i++) {
            Double value = told.get(names.get(i));
            Range range = allowed.get(names.get(i));
            if (value != null && range.max() > range.min()) {
                x[i] = (value - range.min()) / (range.max() - range.min());
            }
        }
        return x;
    }

    /** The first refused feature by name (a stable answer for the same request), or empty when all are allowed. */
    public Optional<Rejection> firstRejected(Map<String, Double> features) {
        for (var feature : new TreeMap<>(features).entrySet()) {
            String name = feature.getKey();
            Double value = feature.getValue();
            Range range = allowed.get(name);
            if (range == null) {
                return Optional.of(new Rejection(name, "is not a known context feature; allowed: "
                        + String.join(", ", new TreeMap<>(allowed).keySet())));
            }
            if (value == null || !Double.isFinite(value)) {
                return Optional.of(new Rejection(name, "must be a finite number"));
            }
            if (value < range.min() || value > range.max()) {
                return Optional.of(new Rejection(name, "must be between %s and %s".formatted(range.min(), range.max())));
            }
        }
        return Optional.empty();
    }
}
