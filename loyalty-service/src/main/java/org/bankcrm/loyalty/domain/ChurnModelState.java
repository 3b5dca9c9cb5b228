package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.bankcrm.platform.entity.StoredPosterior;

/**
 * The persisted posterior of the {@link OnlineChurnFit}: it survives restarts and is shared by replicas. Its keys are
 * today's features and markets, after the intercept.
 */
@Entity
@Table(name = "churn_model")
public class ChurnModelState extends StoredPosterior {
    /** There is one churn model. */
    public static final int ID = 1;

    @Id
    public int id = ID;
    /** One more at every observation learnt. */
    @Column(nullable = false)
    public long version;
    @Column(nullable = false)
    public long positives;
    @Column(nullable = false)
    public long negatives;

    /**
     * The stored posterior in the order of {@code keys} (today's features and markets): each stored one by its key; a
     * key the row does not know (a feature added or a market configured since) starts at the prior's coefficient and
     * precision; a stored one no longer used (a market dropped from the list) is dropped.
     */
    public OnlineChurnFit fit(OnlineChurnFit prior, List<String> keys) {
        double[] storedMean = storedMean();
        double[] storedPrecision = storedPrecision();
        List<String> storedKeys = storedKeys();
        if (storedMean.length != storedKeys.size() + 1 || storedPrecision.length != storedMean.length) {
            return prior; // not a posterior of this model: start again
        }
        double[] m = prior.mean();
        double[] p = prior.precision();
        m[0] = storedMean[0];
        p[0] = storedPrecision[0];
        byKey(storedKeys, storedMean, keys, m, 1);
        byKey(storedKeys, storedPrecision, keys, p, 1);
        return new OnlineChurnFit(m, p, positives, negatives);
    }

    /** Stores the posterior with the keys of its coefficients (after the intercept), in order. */
    public void store(OnlineChurnFit fit, List<String> keys, Instant at) {
        storePosterior(keys, fit.mean(), fit.precision(), at);
        positives = fit.positives();
        negatives = fit.negatives();
        version++;
    }
}
