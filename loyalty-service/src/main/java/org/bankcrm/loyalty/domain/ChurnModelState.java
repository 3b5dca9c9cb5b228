package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The persisted posterior of the {@link OnlineChurnFit}: it survives restarts and is shared by replicas. */
@Entity
@Table(name = "churn_model")
public class ChurnModelState {
    /** There is one churn model. */
    public static final int ID = 1;

    @Id
    public int id = ID;
    /** One more at every observation learnt. */
    @Column(nullable = false)
    public long version;
    /**
     * Feature keys the coefficients belong to (after the intercept), in the order stored: coefficients are mapped
     * back by key, so a feature added since keeps its prior and every other keeps what it learnt.
     */
    @Column(nullable = false)
    public String features;
    @Column(nullable = false)
    public String mean;
    @Column(nullable = false)
    public String precision;
    @Column(nullable = false)
    public long positives;
    @Column(nullable = false)
    public long negatives;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * The stored posterior in the order of {@code keys} (today's features and markets): each stored one by its key; a
     * key the row does not know (a feature added or a market configured since) starts at the prior's coefficient and
     * precision; a stored one no longer used (a market dropped from the list) is dropped.
     */
    public OnlineChurnFit fit(OnlineChurnFit prior, List<String> keys) {
        double[] storedMean = parse(mean);
        double[] storedPrecision = parse(precision);
        List<String> storedKeys = features.isEmpty() ? List.of() : List.of(features.split(","));
        if (storedMean.length != storedKeys.size() + 1 || storedPrecision.length != storedMean.length) {
            return prior; // not a posterior of this model: start again
        }
        double[] m = prior.mean();
        double[] p = prior.precision();
        m[0] = storedMean[0];
        p[0] = storedPrecision[0];
        for (int j = 0; j < keys.size(); j++) {
            int at = storedKeys.indexOf(keys.get(j));
            if (at >= 0) {
                m[j + 1] = storedMean[at + 1];
                p[j + 1] = storedPrecision[at + 1];
            }
        }
        return new OnlineChurnFit(m, p, positives, negatives);
    }

    /** Stores the posterior with the keys of its coefficients (after the intercept), in order. */
    public void store(OnlineChurnFit fit, List<String> keys, Instant at) {
        features = String.join(",", keys);
        mean = format(fit.mean());
        precision = format(fit.precision());
        positives = fit.positives();
        negatives = fit.negatives();
        version++;
        updatedAt = at;
    }

    private static double[] parse(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
