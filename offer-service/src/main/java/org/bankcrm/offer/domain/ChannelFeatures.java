package org.bankcrm.offer.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a channel may tell a decision about the moment ({@code context.features}): an allow-list of names, each with the
 * range its value must lie in, so a channel cannot feed the bank's models a made-up signal or an absurd number.
 *
 * <p>The model sees each told value scaled onto 0..1 by its range and, for a measure (any range but 0..1, which is a
 * flag or a share), also which of {@code bands} equal-width bands of the range it lies in: what the moment tells
 * acts by regimes rather than in a straight line (a campaign answers differently when rates are low than when
 * they are high), and a linear weight alone cannot say so.
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

    /** The measures among {@link #names} (banded), in name order. */
    private final List<String> measures;

    private final int bands;

    /** Linear only: no bands. */
    public ChannelFeatures(Map<String, Range> allowed) {
        this(allowed, 0);
    }

    /** {@code bands}: how many equal-width bands of its range each measure also gets (0 = linear only). */
    public ChannelFeatures(Map<String, Range> allowed, int bands) {
        if (bands < 0) {
            throw new IllegalArgumentException("bands must not be negative: " + bands);
        }
        this.allowed = Map.copyOf(allowed);
        this.names = List.copyOf(new TreeMap<>(allowed).keySet());
        this.bands = bands;
        this.measures = bands == 0 ? List.of() : names.stream().filter(n -> isMeasure(allowed.get(n))).toList();
    }

    public static final ChannelFeatures NONE = new ChannelFeatures(Map.of());

    private static boolean isMeasure(Range range) {
        return range.max() > range.min() && !(range.min() == 0 && range.max() == 1);
    }

    /**
     * The propensity model's names of the allowed features: {@code context.<name>} for each in name order, then
     * {@code context.<name>:band<k>} ({@code k} from 1, the lowest band) for each measure. Bands come after every
     * linear name, so a model stored before they were switched on maps onto the new list by name.
     */
    public List<String> modelNames() {
        List<String> all = new ArrayList<>();
        names.forEach(n -> all.add("context." + n));
        for (String measure : measures) {
            for (int k = 1; k <= bands; k++) {
                all.add("context." + measure + ":band" + k);
            }
        }
        return List.copyOf(all);
    }

    /**
     * The told values scaled onto 0..1 by their ranges, in name order, then a one-hot of each measure's band; a
     * feature not told is 0 (no evidence), in its bands too.
     */
    public double[] scaled(Map<String, Double> told) {
        double[] x = new double[names.size() + measures.size() * bands];
        for (int i = 0; i < names.size(); i++) {
            Double value = told.get(names.get(i));
            Range range = allowed.get(names.get(i));
            if (value != null && range.max() > range.min()) {
                x[i] = (value - range.min()) / (range.max() - range.min());
            }
        }
        for (int m = 0; m < measures.size(); m++) {
            Double value = told.get(measures.get(m));
            if (value != null) {
                Range range = allowed.get(measures.get(m));
                double share = (value - range.min()) / (range.max() - range.min());
                int band = Math.max(0, Math.min(bands - 1, (int) Math.floor(share * bands)));
                x[names.size() + m * bands + band] = 1;
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
