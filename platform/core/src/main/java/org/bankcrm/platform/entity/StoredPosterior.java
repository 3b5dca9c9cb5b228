package org.bankcrm.platform.entity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * The persisted posterior of a model learnt online (a mean and a precision per coefficient), so that it survives
 * restarts and replicas share it. Coefficients are stored with the keys they belong to and mapped back by key: a key
 * added since starts at the prior, every other keeps what it learnt. A service's model state entity extends it.
 */
@MappedSuperclass
public abstract class StoredPosterior {
    /** The keys of the stored coefficients, comma-separated, in the order of {@link #mean} and {@link #precision}. */
    @Column(nullable = false)
    public String features;
    @Column(nullable = false)
    public String mean;
    @Column(nullable = false)
    public String precision;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The keys stored, in order; none before the first store. */
    protected List<String> storedKeys() {
        return features == null || features.isEmpty() ? List.of() : List.of(features.split(","));
    }

    protected double[] storedMean() {
        return parse(mean);
    }

    protected double[] storedPrecision() {
        return parse(precision);
    }

    /** Stores the posterior's means and precisions with the keys of the coefficients they follow (if any), in order. */
    protected void storePosterior(List<String> keys, double[] means, double[] precisions, Instant at) {
        features = String.join(",", keys);
        mean = format(means);
        precision = format(precisions);
        updatedAt = at;
    }

    /**
     * Copies each stored value whose key is one of {@code keys} to that key's place in {@code into}; the first
     * {@code offset} places of both (an intercept) are not keyed. A key not stored keeps what {@code into} holds (its
     * prior); a stored key no longer among {@code keys} is dropped.
     */
    protected static void byKey(List<String> storedKeys, double[] stored, List<String> keys, double[] into, int offset) {
        for (int j = 0; j < keys.size(); j++) {
            int at = storedKeys.indexOf(keys.get(j));
            if (at >= 0) {
                into[j + offset] = stored[at + offset];
            }
        }
    }

    protected static double[] parse(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    protected static String format(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
