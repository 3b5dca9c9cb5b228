package org.bankcrm.loyalty.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.YearMonth;
import java.time.ZoneOffset;

import org.bankcrm.loyalty.domain.ChurnFeature;
import org.bankcrm.loyalty.domain.ChurnFeatures;
import org.bankcrm.loyalty.domain.ClientProfile;
import org.bankcrm.loyalty.domain.HalfLives;
import org.bankcrm.loyalty.domain.LoyaltyFeatures;
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
import org.bankcrm.platform.store.ClientLocks;
import org.bankcrm.platform.store.TransactionMemo;
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
    private final double marketPrecision;
    private final Duration horizon;
    private final int reportWindow;
    private final int monitorWindow;
    private final HalfLives halfLives;
    private final Clock clock = Clock.systemUTC();
    private final ClientLocks locks;

    public ChurnLearning(ChurnModelRepository models, ChurnObservationRepository observations,
            ClientLeavingRepository leavers, ScoreChangeRepository history, LoyaltyConfig config, ClientLocks locks) {
        this.locks = locks;
        this.models = models;
        this.observations = observations;
        this.leavers = leavers;
        this.history = history;
        this.prior = config.rules().churn();
        this.priorPrecision = config.churn().priorPrecision();
        this.marketPrecision = config.churn().marketPrecision();
        this.horizon = config.churn().horizon();
        this.reportWindow = config.churn().reportWindow();
        this.monitorWindow = config.churn().monitorWindow();
        this.halfLives = config.rules().halfLives();
    }

    /**
     * The posterior before any observation: the prior's coefficients, held with the configured precision; the market
     * indicators (learnt only) at 0 with their own.
     */
    OnlineChurnFit startingFit() {
        return OnlineChurnFit.fromPrior(prior, priorPrecision, marketPrecision);
    }

    /** The stored posterior, with its coefficients mapped by key onto today's features and markets. */
    private OnlineChurnFit stored(ChurnModelState state) {
        return state.fit(startingFit(), prior.keys());
    }

    /** The model to score with: the learnt one, or the prior before the first observation. */
    public Uni<ChurnRiskModel> current() {
        // read once per transaction (a batch rescores many clients), until the transaction learns (lockedModel)
        return TransactionMemo.<AtomicReference<ChurnRiskModel>> of(CURRENT, AtomicReference::new).chain(kept -> {
            ChurnRiskModel model = kept.get();
            return model != null ? Uni.createFrom().item(model)
                    : models.findById(ChurnModelState.ID)
                            .map(state -> state == null ? prior : stored(state).model(prior))
                            .invoke(kept::set);
        });
    }

    private static final String CURRENT = ChurnLearning.class.getName() + ".current";

    /**
     * A client left: the newest snapshot of the preceding horizon becomes a positive observation (once per leaving); a
     * silent leaver (no score change within that horizon) is learnt from the features as of the departure, from the
     * read model. A client without profiling consent is not learnt from.
     */
    public Uni<Void> clientLeft(ClientFact.Left left, ClientProfile profile) {
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
            if (!profile.profilingConsented()) {
                return saved.replaceWithVoid();
            }
            return saved.chain(() -> history.latestSnapshot(left.clientId(), left.leftAt().minus(horizon), left.leftAt()))
                    .chain(snapshot -> {
                        double[] kept = snapshot == null ? null : inputsOf(snapshot);
                        if (kept != null) {
                            return learn(snapshot.clientId, snapshot.changedAt, kept, snapshot.churnMarket, true);
                        }
                        return learn(left.clientId(), left.leftAt(), inputsAsOf(profile, left.leftAt()),
                                profile.countryOfResidence, true);
                    });
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
        // the model row first: a second replica's round waits here, then its query no longer sees the stayers this
        // round learnt (their observations are committed), so no stayer is learnt twice
        return lockedModel().chain(locked -> history.find("""
                from ScoreChange s where s.churnInputs is not null and s.changedAt < ?1
                  and s.changedAt = (select max(s2.changedAt) from ScoreChange s2
                                     where s2.clientId = s.clientId and s2.churnInputs is not null and s2.changedAt < ?1)
                  and not exists (from ClientLeaving l where l.clientId = s.clientId and l.leftAt >= s.changedAt)
                  and not exists (from ChurnObservation o where o.clientId = s.clientId and o.observedAt > ?1)
                order by s.clientId""", cutoff).range(0, batch - 1).list()
                .chain(stayers -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ScoreChange snapshot : stayers) {
                        double[] x = inputsOf(snapshot);
                        if (x != null) {
                            chain = chain.chain(() -> learn(snapshot.clientId, snapshot.changedAt, x, snapshot.churnMarket, false));
                        }
                    }
                    return chain.replaceWith(stayers.size());
                }));
    }

    /**
     * The snapshot's feature inputs in today's feature order: features appended since it was kept count as typical
     * (0, as an unknown feature does); null for inputs of another format (more than today's features).
     */
    static double[] inputsOf(ScoreChange snapshot) {
        double[] kept = Arrays.stream(snapshot.churnInputs.split(",")).mapToDouble(Double::parseDouble).toArray();
        if (kept.length > ChurnFeature.values().length) {
            LOG.debugf("snapshot %d kept other churn inputs: not learnt from", snapshot.id);
            return null;
        }
        return Arrays.copyOf(kept, ChurnFeature.values().length);
    }

    /** The model's inputs for the client as the read model stands, at {@code at} (a silent leaver's departure). */
    double[] inputsAsOf(ClientProfile profile, Instant at) {
        LoyaltyFeatures f = LoyaltyFeatures.of(profile, at, halfLives);
        return prior.inputs(ChurnFeatures.of(profile, f, YearMonth.from(at.atOffset(ZoneOffset.UTC))));
    }

    /**
     * Learns one observation: {@code features}, the feature inputs (or the full inputs: the market part is recomputed),
     * and the client's country then, from which today's markets give the indicators.
     */
    private Uni<Void> learn(java.util.UUID clientId, Instant snapshotAt, double[] features, String country, boolean left) {
        double[] x = prior.withMarket(ChurnRiskModel.featureInputs(features), country);
        Instant now = clock.instant();
        // the one row is locked: two consumers learning at once would lose an update
        return lockedModel().chain(found -> {
            boolean fresh = found == null;
            ChurnModelState state = fresh ? new ChurnModelState() : found;
            OnlineChurnFit fit = fresh ? startingFit() : stored(state);
            ChurnObservation observation = new ChurnObservation();
            observation.clientId = clientId;
            observation.snapshotAt = snapshotAt;
            observation.inputs = ChurnObservation.format(ChurnRiskModel.featureInputs(x));
            observation.market = country;
            observation.predicted = fit.probability(x);
            observation.left = left;
            observation.observedAt = now;
            fit.observe(x, left);
            state.store(fit, prior.keys(), now);
            observation.modelVersion = state.version;
            Uni<?> saved = fresh ? models.persist(state) : Uni.createFrom().item(state);
            return saved.chain(() -> observations.persist(observation)).replaceWithVoid();
        });
    }

    /**
     * Consolidates the model: the posterior from the prior and every observation that kept its inputs, whatever the
     * order they came in ({@link OnlineChurnFit#refit}); one version more. Runs inside the caller's transaction.
     */
    public Uni<Void> refit() {
        return observations.list("inputs is not null").chain(all -> lockedModel()
                .chain(found -> {
                    if (all.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<double[]> inputs = new java.util.ArrayList<>();
                    List<Boolean> labels = new java.util.ArrayList<>();
                    for (ChurnObservation o : all) {
                        double[] x = Arrays.stream(o.inputs.split(",")).mapToDouble(Double::parseDouble).toArray();
                        if (x.length <= ChurnFeature.values().length) {
                            inputs.add(prior.withMarket(x, o.market));
                            labels.add(o.left);
                        }
                    }
                    OnlineChurnFit fit = OnlineChurnFit.refit(startingFit(), inputs, labels);
                    boolean fresh = found == null;
                    ChurnModelState state = fresh ? new ChurnModelState() : found;
                    state.store(fit, prior.keys(), clock.instant());
                    return (fresh ? models.persist(state) : Uni.createFrom().item(state)).replaceWithVoid();
                }));
    }

    /**
     * The model row, locked until the transaction ends: first an advisory lock on its name, which holds even before the
     * row exists (a new bank: two replicas learning or labelling their first observation would both insert it), then
     * the row itself.
     */
    private Uni<ChurnModelState> lockedModel() {
        return TransactionMemo.<AtomicReference<ChurnRiskModel>> of(CURRENT, AtomicReference::new)
                .invoke(kept -> kept.set(null)) // what the transaction scores with from now on is read again
                .chain(() -> locks.lock(MODEL_LOCK)).chain(() -> models.findById(ChurnModelState.ID, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The advisory lock's key: not a clientId, so it never meets a client's lock. */
    static final String MODEL_LOCK = "churn-model";

    /** What {@code GET /churn-model} answers. */
    public record Report(long version, long positives, long negatives, Duration horizon, Map<String, Double> coefficients,
            int observationsScored, Double auc, Double brier, List<ModelCheck.Bin> reliability, Monitoring monitoring) {
    }

    /**
     * Model monitoring: quality over the newest {@code window} observations (each scored before it was learnt from),
     * and each input's drift: its mean over that window against its mean over all observations, in standard
     * deviations of all observations ({@code shift}; null when the input never varied).
     */
    public record Monitoring(int window, int observations, Double auc, Double brier, List<Drift> drift) {
    }

    public record Drift(String feature, Double windowMean, Double allTimeMean, Double shift) {
    }

    @WithSession
    public Uni<Report> report() {
        return models.findById(ChurnModelState.ID).chain(state -> observations.newest(Math.max(reportWindow, monitorWindow))
                .chain(newest -> observations.allTimeInputStats().map(stats -> {
                    ChurnRiskModel model = state == null ? prior : stored(state).model(prior);
                    double[] beta = model.coefficients();
                    Map<String, Double> coefficients = new LinkedHashMap<>();
                    coefficients.put("intercept", beta[0]);
                    List<String> keys = model.keys();
                    for (int j = 0; j < keys.size(); j++) {
                        coefficients.put(keys.get(j), beta[j + 1]);
                    }
                    List<ChurnObservation> seen = newest.subList(0, Math.min(reportWindow, newest.size()));
                    List<ModelCheck.Scored> scored = scored(seen);
                    return new Report(state == null ? 0 : state.version, state == null ? 0 : state.positives,
                            state == null ? 0 : state.negatives, horizon, coefficients, scored.size(), orNull(ModelCheck.auc(scored)),
                            scored.isEmpty() ? null : ModelCheck.brier(scored), ModelCheck.calibration(scored, RELIABILITY_BINS),
                            monitoring(newest.subList(0, Math.min(monitorWindow, newest.size())), stats));
                })));
    }

    private Monitoring monitoring(List<ChurnObservation> window, List<ChurnObservationRepository.InputStats> stats) {
        List<ModelCheck.Scored> scored = scored(window);
        ChurnFeature[] features = ChurnFeature.values();
        double[] sums = new double[features.length];
        int[] counts = new int[features.length];
        for (ChurnObservation o : window) {
            if (o.inputs == null) {
                continue;
            }
            String[] x = o.inputs.split(",");
            for (int j = 0; j < Math.min(x.length, features.length); j++) {
                sums[j] += Double.parseDouble(x[j]);
                counts[j]++;
            }
        }
        List<Drift> drift = new java.util.ArrayList<>();
        for (int j = 0; j < features.length; j++) {
            int index = j;
            var all = stats.stream().filter(s -> s.index() == index).findFirst().orElse(null);
            Double windowMean = counts[j] == 0 ? null : sums[j] / counts[j];
            Double allMean = all == null ? null : all.mean();
            Double shift = windowMean == null || all == null || all.sd() < 1e-9 ? null : (windowMean - all.mean()) / all.sd();
            drift.add(new Drift(features[j].key(), windowMean, allMean, shift));
        }
        return new Monitoring(monitorWindow, scored.size(), orNull(ModelCheck.auc(scored)),
                scored.isEmpty() ? null : ModelCheck.brier(scored), drift);
    }

    private static List<ModelCheck.Scored> scored(List<ChurnObservation> observations) {
        return observations.stream().map(o -> new ModelCheck.Scored(o.predicted, o.left)).toList();
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
