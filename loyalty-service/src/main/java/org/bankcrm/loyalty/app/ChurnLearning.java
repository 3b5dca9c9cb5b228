package org.bankcrm.loyalty.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.bankcrm.loyalty.domain.ChurnFeature;
import org.bankcrm.loyalty.domain.ChurnModelState;
import org.bankcrm.loyalty.domain.ChurnObservation;
import org.bankcrm.loyalty.domain.ChurnRiskModel;
import org.bankcrm.loyalty.domain.ClientFact;
import org.bankcrm.loyalty.domain.ClientLeaving;
import org.bankcrm.loyalty.domain.ModelCheck;
import org.bankcrm.loyalty.domain.OnlineChurnFit;
import org.bankcrm.loyalty.domain.ScoreChange;
import org.bankcrm.loyalty.store.ChurnModelRepository;
import org.bankcrm.loyalty.store.ChurnObservationRepository;
import org.bankcrm.loyalty.store.ClientLeavingRepository;
import org.bankcrm.loyalty.store.ScoreChangeRepository;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Learns the churn model from the bank's own history: a client who leaves labels positive the newest snapshot of
 * churn inputs loyalty held for them over the preceding horizon; a client still here a horizon after a snapshot
 * labels it negative ({@link #labelStayers}). Each observation is scored by the model before it is learnt, so the
 * reported AUC, Brier score and reliability are on data the model had not seen. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class ChurnLearning {
    private static final Logger LOG = Logger.getLogger(ChurnLearning.class);
    /** Reliability table: deciles of predicted risk. */
    static final int RELIABILITY_BINS = 10;

    private final ChurnModelRepository models;
    private final ChurnObservationRepository observations;
    private final ClientLeavingRepository leavers;
    private final ScoreChangeRepository history;
    private final ChurnRiskModel prior;
    private final double priorPrecision;
    private final Duration horizon;
    private final int reportWindow;
    private final Clock clock = Clock.systemUTC();

    public ChurnLearning(ChurnModelRepository models, ChurnObservationRepository observations,
            ClientLeavingRepository leavers, ScoreChangeRepository history, LoyaltyConfig config) {
        this.models = models;
        this.observations = observations;
        this.leavers = leavers;
        this.history = history;
        this.prior = config.rules().churn();
        this.priorPrecision = config.churn().priorPrecision();
        this.horizon = config.churn().horizon();
        this.reportWindow = config.churn().reportWindow();
    }

    /** The model to score with: the learnt one, or the prior before the first observation. */
    public Uni<ChurnRiskModel> current() {
        return models.findById(ChurnModelState.ID)
                .map(state -> state == null || !state.matchesFeatures() ? prior : state.fit().model(prior));
    }

    /** A client left: the newest snapshot of the preceding horizon becomes a positive observation (once per leaving). */
    public Uni<Void> clientLeft(ClientFact.Left left) {
        return leavers.findById(left.clientId()).chain(known -> {
            if (known != null && known.returnedAt == null) {
                return Uni.createFrom().voidItem(); // already counted: a second report of the same leaving
            }
            ClientLeaving leaving = known != null ? known : new ClientLeaving();
            leaving.clientId = left.clientId();
            leaving.leftAt = left.leftAt();
            leaving.reason = left.reason();
            leaving.returnedAt = null;
            Uni<?> saved = known != null ? Uni.createFrom().item(leaving) : leavers.persist(leaving);
            return saved.chain(() -> history.latestSnapshot(left.clientId(), left.leftAt().minus(horizon), left.leftAt()))
                    .chain(snapshot -> snapshot == null ? Uni.createFrom().voidItem() : learn(snapshot, true));
        });
    }

    /** A client came back: their later snapshots can be labelled again. */
    public Uni<Void> clientReturned(ClientFact.Returned returned) {
        return leavers.findById(returned.clientId()).chain(leaving -> {
            if (leaving != null && leaving.returnedAt == null) {
                leaving.returnedAt = returned.returnedAt();
            }
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Labels negative, for up to {@code batch} clients, the newest snapshot older than the horizon of clients who have
     * not left since it and had no observation within the last horizon (one observation per client per horizon).
     */
    public Uni<Integer> labelStayers(int batch) {
        Instant cutoff = clock.instant().minus(horizon);
        return history.find("""
                from ScoreChange s where s.churnInputs is not null and s.changedAt < ?1
                  and s.changedAt = (select max(s2.changedAt) from ScoreChange s2
                                     where s2.clientId = s.clientId and s2.churnInputs is not null and s2.changedAt < ?1)
                  and not exists (from ClientLeaving l where l.clientId = s.clientId and l.leftAt >= s.changedAt)
                  and not exists (from ChurnObservation o where o.clientId = s.clientId and o.observedAt > ?1)
                order by s.clientId""", cutoff).range(0, batch - 1).list()
                .chain(stayers -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ScoreChange snapshot : stayers) {
                        chain = chain.chain(() -> learn(snapshot, false));
                    }
                    return chain.replaceWith(stayers.size());
                });
    }

    private Uni<Void> learn(ScoreChange snapshot, boolean left) {
        double[] x = Arrays.stream(snapshot.churnInputs.split(",")).mapToDouble(Double::parseDouble).toArray();
        if (x.length != ChurnFeature.values().length) {
            LOG.debugf("snapshot %d kept other churn inputs: not learnt from", snapshot.id);
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        // the one row is locked: two consumers learning at once would lose an update
        return models.findById(ChurnModelState.ID, LockModeType.PESSIMISTIC_WRITE).chain(found -> {
            boolean fresh = found == null;
            ChurnModelState state = fresh ? new ChurnModelState() : found;
            OnlineChurnFit fit = fresh || !state.matchesFeatures() ? OnlineChurnFit.fromPrior(prior, priorPrecision) : state.fit();
            ChurnObservation observation = new ChurnObservation();
            observation.clientId = snapshot.clientId;
            observation.snapshotAt = snapshot.changedAt;
            observation.predicted = fit.probability(x);
            observation.left = left;
            observation.observedAt = now;
            fit.observe(x, left);
            state.store(fit, now);
            observation.modelVersion = state.version;
            Uni<?> saved = fresh ? models.persist(state) : Uni.createFrom().item(state);
            return saved.chain(() -> observations.persist(observation)).replaceWithVoid();
        });
    }

    /** What {@code GET /churn-model} answers. */
    public record Report(long version, long positives, long negatives, Duration horizon, Map<String, Double> coefficients,
            int observationsScored, Double auc, Double brier, List<ModelCheck.Bin> reliability) {
    }

    @WithSession
    public Uni<Report> report() {
        return models.findById(ChurnModelState.ID).chain(state -> observations.newest(reportWindow).map(seen -> {
            ChurnRiskModel model = state == null || !state.matchesFeatures() ? prior : state.fit().model(prior);
            double[] beta = model.coefficients();
            Map<String, Double> coefficients = new LinkedHashMap<>();
            coefficients.put("intercept", beta[0]);
            for (ChurnFeature feature : ChurnFeature.values()) {
                coefficients.put(feature.key(), beta[feature.ordinal() + 1]);
            }
            List<ModelCheck.Scored> scored = seen.stream().map(o -> new ModelCheck.Scored(o.predicted, o.left)).toList();
            double auc = ModelCheck.auc(scored);
            return new Report(state == null ? 0 : state.version, state == null ? 0 : state.positives,
                    state == null ? 0 : state.negatives, horizon, coefficients, scored.size(), Double.isNaN(auc) ? null : auc,
                    scored.isEmpty() ? null : ModelCheck.brier(scored), ModelCheck.calibration(scored, RELIABILITY_BINS));
        }));
    }
}
