package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.Arrays;
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
    /** Feature keys the coefficients belong to; a change of features starts the model again from its prior. */
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

    public OnlineChurnFit fit() {
        return new OnlineChurnFit(parse(mean), parse(precision), positives, negatives);
    }

    public void store(OnlineChurnFit fit, Instant at) {
        features = featureKeys();
        mean = format(fit.mean());
        precision = format(fit.precision());
        positives = fit.positives();
        negatives = fit.negatives();
        version++;
        updatedAt = at;
    }

    public boolean matchesFeatures() {
        return featureKeys().equals(features);
    }

    static String featureKeys() {
        return Arrays.stream(ChurnFeature.values()).map(ChurnFeature::key).collect(Collectors.joining(","));
    }

    private static double[] parse(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
