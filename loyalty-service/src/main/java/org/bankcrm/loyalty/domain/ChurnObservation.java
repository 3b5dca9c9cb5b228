package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One labelled snapshot the churn model learnt from, with the probability the model gave it just before (so the
 * quality reported is on data the model had not seen: AUC, Brier score, reliability).
 */
@Entity
@Table(name = "churn_observation")
public class ChurnObservation {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "client_id", nullable = false)
    public UUID clientId;
    @Column(name = "snapshot_at", nullable = false)
    public Instant snapshotAt;
    @Column(nullable = false)
    public double predicted;
    @Column(name = "left_bank", nullable = false)
    public boolean left;
    @Column(name = "model_version", nullable = false)
    public long modelVersion;
    @Column(name = "observed_at", nullable = false)
    public Instant observedAt;
    /** The inputs learnt from, in feature order (monitoring: drift of the window against all observations). */
    public String inputs;
    /** The client's country of residence then (the market indicators follow from it and the markets configured). */
    public String market;

    public static String format(double[] x) {
        return java.util.Arrays.stream(x).mapToObj(v -> String.format(java.util.Locale.ROOT, "%.4f", v))
                .collect(java.util.stream.Collectors.joining(","));
    }
}
