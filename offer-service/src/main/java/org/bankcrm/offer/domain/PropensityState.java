package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.bankcrm.platform.entity.StoredPosterior;

/** The persisted posterior of one offer's {@link PropensityModel}: it survives restarts and is shared by replicas. */
@Entity
@Table(name = "propensity_model")
public class PropensityState extends StoredPosterior {
    @Id
    @Column(name = "offer_id")
    public UUID offerId;
    @Column(nullable = false)
    public long observations;
    /** From the model_revision sequence at each change: replicas' caches reload the rows above what they have seen. */
    @Column(nullable = false)
    public long revision;
    /** The monitor's last answers, oldest first: {@code expected:accepted(1|0)}, comma-separated. */
    @Column(name = "monitor_answers", nullable = false)
    public String monitorAnswers = "";
    /** Each input's sum over all answers the monitor saw, by the names of {@link #features}; empty before the first. */
    @Column(name = "feature_sums", nullable = false)
    public String featureSums = "";
    @Column(name = "feature_recent_means", nullable = false)
    public String featureRecentMeans = "";
    @Column(name = "monitor_count", nullable = false)
    public long monitorCount;

    /**
     * The stored posterior over today's features: weights are matched by name, so a model learnt before features were
     * added keeps what it learnt and starts the new ones at the weak prior (mean 0, {@code weightPrecision}).
     */
    public PropensityModel model(List<String> names, double weightPrecision) {
        List<String> stored = storedKeys();
        double[] m = new double[names.size()];
        double[] p = new double[names.size()];
        Arrays.fill(p, weightPrecision);
        byKey(stored, storedMean(), names, m, 0);
        byKey(stored, storedPrecision(), names, p, 0);
        return new PropensityModel(m, p, observations);
    }

    public void store(PropensityModel model, List<String> names, Instant at) {
        storePosterior(names, model.mean(), model.precision(), at);
        observations = model.observations();
    }

    /** The stored monitor over today's features (by name, as the weights; a new feature starts at 0), keeping {@code window}. */
    public ModelMonitor monitor(List<String> names, int window) {
        List<ModelMonitor.Answer> answers = new ArrayList<>();
        if (monitorAnswers != null && !monitorAnswers.isBlank()) {
            for (String entry : monitorAnswers.split(",")) {
                int at = entry.indexOf(':');
                answers.add(new ModelMonitor.Answer(Double.parseDouble(entry.substring(0, at)), entry.endsWith(":1")));
            }
        }
        double[] sums = new double[names.size()];
        double[] recent = new double[names.size()];
        if (featureSums != null && !featureSums.isBlank()) {
            List<String> stored = storedKeys();
            byKey(stored, parse(featureSums), names, sums, 0);
            byKey(stored, parse(featureRecentMeans), names, recent, 0);
        }
        return new ModelMonitor(window, answers, sums, recent, monitorCount);
    }

    /** Stores the monitor over the same names as the last {@link #store}. */
    public void store(ModelMonitor monitor) {
        monitorAnswers = monitor.recentAnswers().stream().map(a -> a.expected() + ":" + (a.accepted() ? 1 : 0))
                .collect(Collectors.joining(","));
        featureSums = format(monitor.sums());
        featureRecentMeans = format(monitor.recentMeans());
        monitorCount = monitor.count();
    }

    /** Every stored weight still has a feature; a feature dropped or renamed starts the model again from its prior. */
    public boolean loadable(List<String> names) {
        return !storedKeys().isEmpty() && names.containsAll(storedKeys());
    }
}
