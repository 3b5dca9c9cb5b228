package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The persisted posterior of one offer's {@link PropensityModel}: it survives restarts and is shared by replicas. */
@Entity
@Table(name = "propensity_model")
public class PropensityState {
    @Id
    @Column(name = "offer_id")
    public UUID offerId;
    /** Feature names the weights belong to; a change of features starts the model again from its prior. */
    @Column(nullable = false)
    public String features;
    @Column(nullable = false)
    public String mean;
    @Column(nullable = false)
    public String precision;
    @Column(nullable = false)
    public long observations;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    /** From the model_revision sequence at each change: replicas' caches reload the rows above what they have seen. */
    @Column(nullable = false)
    public long revision;

    public PropensityModel model() {
        return new PropensityModel(parse(mean), parse(precision), observations);
    }

    public void store(PropensityModel model, Instant at) {
        features = String.join(",", ClientFeatures.NAMES);
        mean = format(model.mean());
        precision = format(model.precision());
        observations = model.observations();
        updatedAt = at;
    }

    public boolean matchesFeatures() {
        return String.join(",", ClientFeatures.NAMES).equals(features);
    }

    private static double[] parse(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
