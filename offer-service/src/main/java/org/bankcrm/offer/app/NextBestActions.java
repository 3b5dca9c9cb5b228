package org.bankcrm.offer.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.ChannelFeatures;
import org.bankcrm.offer.domain.ClientFeatures;
import org.bankcrm.offer.domain.ClientSnapshot;
import org.bankcrm.offer.domain.ContactHistory;
import org.bankcrm.offer.domain.Decision;
import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.ModelMonitor;
import org.bankcrm.offer.domain.NextBestAction;
import org.bankcrm.offer.domain.Offer;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferContacts;
import org.bankcrm.offer.domain.OfferResponse;
import org.bankcrm.offer.domain.PropensityModel;
import org.bankcrm.offer.domain.PropensityState;
import org.bankcrm.offer.domain.ClientProfile;
import org.bankcrm.offer.domain.ContactReason;
import org.bankcrm.offer.domain.RankedAction;
import org.bankcrm.offer.domain.ScoringWeights;
import org.bankcrm.offer.domain.policy.AvailableOnChannel;
import org.bankcrm.offer.domain.policy.DecisionPolicy;
import org.bankcrm.offer.domain.policy.MeetsEligibilityConditions;
import org.bankcrm.offer.domain.policy.NeverSellAProductAlreadyHeld;
import org.bankcrm.offer.domain.policy.NoSalesDuringOpenComplaint;
import org.bankcrm.offer.domain.policy.PolicyResult;
import org.bankcrm.offer.domain.policy.ReofferCooldown;
import org.bankcrm.offer.domain.policy.RequiresMarketingConsent;
import org.bankcrm.offer.domain.policy.ServiceRecoveryNeedsABadExperience;
import org.bankcrm.offer.domain.policy.WeeklySalesCap;
import org.bankcrm.offer.domain.policy.WithinValidity;
import org.bankcrm.offer.events.OfferEvents;
import org.bankcrm.platform.store.ClientLocks;
import org.bankcrm.platform.store.TransactionMemo;
import org.bankcrm.offer.store.DecisionReads;
import org.bankcrm.offer.store.DecisionRepository;
import org.bankcrm.offer.store.OfferRepository;
import org.bankcrm.offer.store.OfferResponseRepository;
import org.bankcrm.offer.store.PropensityStateRepository;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.inbox.InTurn;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Decides a client's next best actions from local state only (read model, catalogue, models, contact history),
 * stores each decision with its inputs for audit and publishes crm.offer.decided in the same transaction; takes the
 * client's answers, teaches the model and publishes crm.offer.responded.
 */
@ApplicationScoped
public class NextBestActions {
    public static final String REQUEST = "REQUEST";
    public static final String INTERACTION = "INTERACTION";
    public static final String LOYALTY_SCORE = "LOYALTY_SCORE";
    private static final Duration WEEK = Duration.ofDays(7);

    private final OfferConfig config;
    private final OfferRepository offers;
    private final DecisionRepository decisions;
    private final OfferResponseRepository responses;
    private final PropensityStateRepository models;
    private final ClientLocks locks;
    private final DecisionReads reads;
    private final DecisionCache cache;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final NextBestAction pipeline;
    private final ChannelFeatures channelFeatures;
    private final ModelGauges gauges;

    public NextBestActions(OfferConfig config, OfferRepository offers, DecisionRepository decisions,
            OfferResponseRepository responses, PropensityStateRepository models, ClientLocks locks, DecisionReads reads,
            DecisionCache cache, Outbox outbox, ObjectMapper json, ModelGauges gauges) {
        this.gauges = gauges;
        this.config = config;
        this.offers = offers;
        this.decisions = decisions;
        this.responses = responses;
        this.models = models;
        this.locks = locks;
        this.reads = reads;
        this.cache = cache;
        this.outbox = outbox;
        this.json = json;
        var policy = config.contactPolicy();
        var score = config.score();
        ScoringWeights weights = new ScoringWeights(score.valueScale(), score.minValue(), score.assistedChannelWeight(),
                score.recoveryWeight(), score.positiveExperienceWeight(), score.churnRetentionWeight(),
                score.churnRiskThreshold(), score.strategyWeight(), score.loyaltyWeight(),
                policy.noSalesAfterNegativeExperience(), score.contactReasonWeight());
        List<DecisionPolicy> policies = List.of(
                new WithinValidity(),
                new AvailableOnChannel(),
                new MeetsEligibilityConditions(),
                new NeverSellAProductAlreadyHeld(),
                new RequiresMarketingConsent(),
                new ServiceRecoveryNeedsABadExperience(policy.noSalesAfterNegativeExperience()),
                new NoSalesDuringOpenComplaint(policy.noSalesAfterNegativeExperience()),
                new ReofferCooldown(policy.reofferCooldown()),
                new WeeklySalesCap(policy.weeklySalesCap()));
        double keep = config.model().forgetting();
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalStateException("crm.offer.model.forgetting must be in (0, 1], was " + keep);
        }
        this.channelFeatures = cache.channelFeatures();
        this.pipeline = new NextBestAction(policies, weights, config.model().daysSinceContactCap(), channelFeatures);
    }

    /**
     * The stored audit record of a decision's inputs: {@code features} is the vector of an offer never contacted (the
     * client and the context), {@code offerFeatures} the vector each eligible offer's model scored (null in older
     * decisions).
     */
    public record DecisionInputs(ClientSnapshot client, boolean clientKnown, ContactHistory history, double[] features,
            Map<UUID, List<PolicyResult>> policyResults, ContactReason contactReason, Map<UUID, double[]> offerFeatures,
            Map<String, Double> contextFeatures, LocalDate contactDate) {
    }

    public record Decided(Decision decision, List<RankedAction> actions) {
    }

    /**
     * A channel asks at the decision point, optionally with what it knows of the moment (allowed names and ranges only)
     * and the date the contact is planned for (from today to {@code contact-date-max-days-ahead} days on, in the bank's
     * zone; null = today); the actions returned count as presented (weekly sales cap).
     */
    @WithTransaction
    public Uni<Decided> decideForChannel(UUID clientId, Channel channel, ContactReason reason, Integer limit,
            Map<String, Double> contextFeatures, LocalDate contactDate) {
        int n = limit == null ? config.decision().defaultLimit() : limit;
        if (n < 1 || n > config.decision().maxLimit()) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + config.decision().maxLimit());
        }
        Map<String, Double> told = contextFeatures == null ? Map.of() : contextFeatures;
        channelFeatures.firstRejected(told).ifPresent(r -> {
            throw ProblemException.invalidField("context.features." + r.name(), r.reason());
        });
        LocalDate today = LocalDate.now(config.decision().bankZone());
        LocalDate last = today.plusDays(config.decision().contactDateMaxDaysAhead());
        if (contactDate != null && (contactDate.isBefore(today) || contactDate.isAfter(last))) {
            throw ProblemException.invalidField("context.contactDate", "must be between today (%s) and %s"
                    .formatted(today, last));
        }
        return decide(clientId, null, channel, reason, n, REQUEST, null, List.of(), told, contactDate == null ? today : contactDate);
    }

    /**
     * The event chain: recompute after an experience or a new loyalty score; runs inside the inbox's transaction,
     * with the profile the event has just changed in that session.
     */
    public Uni<Decided> decideOnEvent(ClientProfile profile, String channel, String triggerType, IncomingEvent cause) {
        EventDecision asked = new EventDecision();
        asked.ask(profile, channel, triggerType, cause);
        return asked.due(this);
    }

    /**
     * The decision the events of one client in one batch ask for, made once after all of them are applied: on the
     * profile as they left it, the channel and trigger of the last one that asked, its ce_id the causation and every
     * asking event's ce_id in the decision's {@code trigger.causedBy}.
     */
    public static final class EventDecision {
        private ClientProfile profile;
        private String channel;
        private String triggerType;
        private final List<IncomingEvent> causes = new ArrayList<>();

        public void ask(ClientProfile profile, String channel, String triggerType, IncomingEvent cause) {
            this.profile = profile;
            this.channel = channel;
            this.triggerType = triggerType;
            causes.add(cause);
        }

        /** The decision, or null when no event asked for one. */
        public Uni<Decided> due(NextBestActions actions) {
            return profile == null ? Uni.createFrom().nullItem() : actions.decideFor(this);
        }
    }

    /**
     * A consumer's effect on a client's events of one batch: {@code apply} each in order (each may ask {@code decision}
     * for a decision), then the one decision they asked for, if any.
     */
    public Uni<Decided> decideOnceAfter(List<IncomingEvent> events,
            java.util.function.BiFunction<IncomingEvent, EventDecision, Uni<?>> apply) {
        EventDecision decision = new EventDecision();
        return InTurn.each(events, event -> apply.apply(event, decision)).chain(() -> decision.due(this));
    }

    /**
     * A consumer's batch: what the decisions of {@code clientIds} will read (erased?, read model, contact history), read
     * for all of them in one statement and kept for the batch's transaction; each decision takes its client's part once
     * (a second decision of the client in the transaction reads again).
     */
    public Uni<Void> prefetch(Set<UUID> clientIds) {
        Instant now = Instant.now();
        return reads.readAll(clientIds, now.minus(config.contactPolicy().reofferCooldown()), now.minus(WEEK),
                now.minus(contactLookback()))
                .chain(states -> TransactionMemo.<Map<UUID, DecisionReads.ClientState>> of(PREFETCHED, HashMap::new)
                        .invoke(kept -> kept.putAll(states)))
                .replaceWithVoid();
    }

    private static final String PREFETCHED = NextBestActions.class.getName() + ".prefetched";

    /** The decision an {@link EventDecision} asks for (a method, not field access: callers hold the CDI proxy). */
    Uni<Decided> decideFor(EventDecision asked) {
        Channel on = asked.channel != null ? Channel.valueOf(asked.channel) : Channel.valueOf(config.decision().defaultChannel());
        return decide(asked.profile.clientId, asked.profile, on, null, config.decision().defaultLimit(), asked.triggerType,
                asked.causes.get(asked.causes.size() - 1), asked.causes.stream().map(IncomingEvent::id).toList(), Map.of(),
                LocalDate.now(config.decision().bankZone()));
    }

    /**
     * One decision in as few round trips as the rules allow: the client's lock, one read (erased?, read model,
     * declines, sales presented this week), the pipeline on the cached catalogue and models, then one insert of the
     * decision (with its audit inputs and the count of sales it presents) and its outbox row.
     */
    private Uni<Decided> decide(UUID clientId, ClientProfile changed, Channel channel, ContactReason reason, int limit,
            String triggerType, IncomingEvent cause, List<String> causedBy, Map<String, Double> contextFeatures,
            LocalDate contactDate) {
        Instant now = Instant.now();
        UUID decisionId = UUID.randomUUID();
        return locks.lock(clientId)
                .chain(() -> TransactionMemo.<Map<UUID, DecisionReads.ClientState>> of(PREFETCHED, HashMap::new))
                .chain(prefetched -> {
                    DecisionReads.ClientState read = prefetched.remove(clientId);
                    return read != null ? Uni.createFrom().item(read)
                            : reads.read(clientId, now.minus(config.contactPolicy().reofferCooldown()), now.minus(WEEK),
                                    now.minus(contactLookback()));
                })
                .chain(state -> {
                    if (state.erased()) {
                        return Uni.createFrom().failure(new ProblemException(410, "Gone", "Client " + clientId + " was erased"));
                    }
                    return cache.current().chain(cached -> {
                        ClientSnapshot client = changed != null ? changed.snapshot()
                                : state.client() != null ? state.client() : ClientSnapshot.unknown(clientId);
                        boolean known = changed != null || state.client() != null;
                        DecisionContext context = new DecisionContext(client, channel, triggerType, now, state.history(),
                                reason, contextFeatures, contactDate);
                        List<NextBestAction.Candidate> candidates = new ArrayList<>(cached.offers().size());
                        long modelVersion = 0;
                        for (DecisionCache.CachedOffer offer : cached.offers()) {
                            PropensityModel model = cached.model(offer);
                            modelVersion += model.observations();
                            candidates.add(new NextBestAction.Candidate(offer.terms(), model));
                        }
                        boolean control = NextBestAction.inControlGroup(clientId, YearMonth.now(ZoneOffset.UTC),
                                config.controlGroup().share());
                        Random random = new Random(decisionId.getMostSignificantBits() ^ decisionId.getLeastSignificantBits());
                        NextBestAction.Outcome outcome = pipeline.decide(candidates, context, limit, control, random);
                        // no profiling consent: no features computed or kept, so no answer of this decision teaches a model
                        boolean profiling = NextBestAction.allowsModels(client);
                        double[] features = !profiling ? null : ClientFeatures.of(context,
                                context.recoveryNeeded(config.contactPolicy().noSalesAfterNegativeExperience()),
                                OfferContacts.NEVER, config.model().daysSinceContactCap(), channelFeatures);
                        Decision decision = new Decision();
                        decision.id = decisionId;
                        decision.clientId = clientId;
                        decision.channel = channel.name();
                        decision.triggerType = triggerType;
                        decision.triggerEventId = cause == null ? null : cause.id();
                        decision.controlGroup = control;
                        decision.actionsJson = write(outcome.actions());
                        decision.inputsJson = write(new DecisionInputs(profiling ? client : client.withoutModelScores(),
                                known, state.history(), features,
                                outcome.policyResults(), reason, outcome.features(), contextFeatures, contactDate));
                        decision.catalogueVersion = cached.catalogueVersion();
                        decision.modelVersion = modelVersion;
                        decision.decidedAt = now;
                        decision.salesPresented = REQUEST.equals(triggerType)
                                ? (int) outcome.actions().stream().filter(a -> a.category() == OfferCategory.SALES).count()
                                : 0;
                        return decisions.insert(decision)
                                .chain(() -> outbox.append(OfferEvents.decided(decision, outcome.actions(), cause, causedBy)))
                                .replaceWith(new Decided(decision, outcome.actions()));
                    });
                });
    }

    PropensityModel prior(Offer offer) {
        return cache.prior(offer);
    }

    /** The names of the propensity models' weights, in order (the audit's featureNames). */
    public List<String> featureNames() {
        return cache.featureNames();
    }

    /** Contacts older than the 90-day counts and the days-since cap say nothing the features use. */
    private Duration contactLookback() {
        return Duration.ofDays(Math.max(90, config.model().daysSinceContactCap()));
    }

    /** The vector the offer's model scored; an older decision's client-only vector, its new features left at 0 (not learnt). */
    private double[] learnable(DecisionInputs inputs, UUID offerId) {
        double[] scored = inputs.offerFeatures() == null ? null : inputs.offerFeatures().get(offerId);
        return scored != null ? scored : Arrays.copyOf(inputs.features(), cache.featureNames().size());
    }

    /** The latest decision the event chain computed (channels' own requests are answered directly). */
    @WithSession
    public Uni<Decided> latest(UUID clientId) {
        return decisions.find("clientId = ?1 and triggerType <> ?2 order by decidedAt desc", clientId, REQUEST).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("event-chain decision for client", clientId))
                .map(d -> new Decided(d, actions(d)));
    }

    @WithSession
    public Uni<Decided> get(UUID decisionId) {
        return decisions.findById(decisionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("decision", decisionId))
                .map(d -> new Decided(d, actions(d)));
    }

    /** A model update an answer committed. */
    public record Learnt(UUID offerId, PropensityModel model, long revision, String offerCode, ModelMonitor.Summary monitoring) {
    }

    public record Answered(OfferResponse response, boolean created, Learnt learnt) {
    }

    /**
     * The client's answer to one action of a decision: once per decision and offer; the same answer again changes
     * nothing. Once committed, the updated model replaces the cached one, so this replica's next decision uses it.
     */
    public Uni<Answered> respond(UUID decisionId, UUID offerId, OfferResponse.Outcome outcome) {
        return respond(decisionId, offerId, outcome, null);
    }

    /**
     * As {@link #respond(UUID, UUID, OfferResponse.Outcome)}, the answer given at {@code respondedAt} (null = now): an
     * answer logged after the fact counts in the contact history at the time it was given. It may not lie in the future
     * nor further back than {@code crm.offer.response.max-age} (older contacts say nothing the features read).
     */
    public Uni<Answered> respond(UUID decisionId, UUID offerId, OfferResponse.Outcome outcome, Instant respondedAt) {
        Instant now = Instant.now();
        if (respondedAt != null && respondedAt.isAfter(now)) {
            throw ProblemException.invalidField("respondedAt", "must not be in the future");
        }
        if (respondedAt != null && respondedAt.isBefore(now.minus(config.response().maxAge()))) {
            throw ProblemException.invalidField("respondedAt", "must not be more than %d days ago"
                    .formatted(config.response().maxAge().toDays()));
        }
        Instant at = respondedAt == null ? now : respondedAt;
        return Panache.withTransaction(() -> answer(decisionId, offerId, outcome, at)).invoke(answered -> {
            if (answered.learnt() != null) {
                cache.learnt(answered.learnt().offerId(), answered.learnt().model(), answered.learnt().revision());
                gauges.update(answered.learnt().offerCode(), answered.learnt().monitoring());
            }
        });
    }

    private Uni<Answered> answer(UUID decisionId, UUID offerId, OfferResponse.Outcome outcome, Instant at) {
        return decisions.findById(decisionId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("decision", decisionId))
                .chain(decision -> {
                    RankedAction action = actions(decision).stream().filter(a -> a.offerId().equals(offerId)).findFirst()
                            .orElseThrow(() -> new ProblemException(422, "Unprocessable Content",
                                    "Offer " + offerId + " was not among the actions of decision " + decisionId)
                                    .with("offerId", offerId));
                    return responses.find("decisionId = ?1 and offerId = ?2", decisionId, offerId).firstResult()
                            .chain(existing -> {
                                if (existing != null) {
                                    if (existing.outcome != outcome) {
                                        return Uni.createFrom().failure(ProblemException.conflict("Decision " + decisionId
                                                + " already has the answer " + existing.outcome + " for offer " + offerId)
                                                .with("existingOutcome", existing.outcome));
                                    }
                                    return Uni.createFrom().item(new Answered(existing, false, null));
                                }
                                return record(decision, action, outcome, at);
                            });
                });
    }

    private Uni<Answered> record(Decision decision, RankedAction action, OfferResponse.Outcome outcome, Instant at) {
        if (decision.clientId == null) {
            return Uni.createFrom().failure(new ProblemException(410, "Gone", "The client of decision " + decision.id + " was erased"));
        }
        DecisionInputs inputs = inputs(decision);
        OfferResponse response = new OfferResponse();
        response.id = UUID.randomUUID();
        response.decisionId = decision.id;
        response.offerId = action.offerId();
        response.clientId = decision.clientId;
        response.category = action.category();
        response.channel = decision.channel;
        response.outcome = outcome;
        response.controlGroup = decision.controlGroup;
        response.segments = inputs == null ? "" : String.join(",", inputs.client().segments());
        response.respondedAt = at;
        response.profiled = inputs == null || inputs.features() != null && NextBestAction.allowsModels(inputs.client());
        // only answers of clients who allow profiling, at the decision (features kept) and now, teach the model
        Uni<Learnt> learn = outcome == OfferResponse.Outcome.INTERESTED || inputs == null || inputs.features() == null
                || !NextBestAction.allowsModels(inputs.client())
                ? Uni.createFrom().nullItem()
                : allowsProfilingNow(decision.clientId).chain(allowed -> allowed
                        ? learn(action.offerId(), learnable(inputs, action.offerId()), outcome == OfferResponse.Outcome.ACCEPTED)
                        : Uni.createFrom().nullItem());
        return responses.persist(response)
                .chain(() -> learn)
                .call(() -> outbox.append(OfferEvents.responded(response, action)))
                .map(learnt -> new Answered(response, true, learnt));
    }

    /** Whether the client's profiling consent stands now (it may have been withdrawn since the decision). */
    private Uni<Boolean> allowsProfilingNow(UUID clientId) {
        return Panache.getSession().chain(s -> s.find(ClientProfile.class, clientId))
                .map(profile -> profile != null && profile.consents.profiling);
    }

    /**
     * One more answer into the offer's posterior. The row is created (from the prior) if missing, then locked, so
     * concurrent answers to one offer, even its very first two, apply one after the other.
     */
    private Uni<Learnt> learn(UUID offerId, double[] features, boolean accepted) {
        return offers.findById(offerId).chain(offer -> {
            PropensityState seed = new PropensityState();
            seed.store(prior(offer), cache.featureNames(), Instant.now());
            return Panache.getSession().chain(s -> s.createNativeQuery("""
                    insert into propensity_model (offer_id, features, mean, precision, observations, updated_at)
                    values (:id, :features, :mean, :precision, 0, now()) on conflict (offer_id) do nothing""")
                    .setParameter("id", offerId).setParameter("features", seed.features).setParameter("mean", seed.mean)
                    .setParameter("precision", seed.precision).executeUpdate())
                    .chain(() -> models.findById(offerId, LockModeType.PESSIMISTIC_WRITE))
                    .chain(state -> models.nextRevision().map(revision -> {
                        PropensityModel prior = prior(offer);
                        boolean loadable = state.loadable(cache.featureNames());
                        PropensityModel model = loadable ? cache.stored(state) : prior;
                        ModelMonitor monitor = loadable ? state.monitor(cache.featureNames(), config.model().monitorWindow())
                                : ModelMonitor.empty(config.model().monitorWindow(), cache.featureNames().size());
                        if (features.length == cache.featureNames().size()) {
                            // the monitor records what the model expected before it learnt the answer: an online prediction
                            monitor.record(features, model.expected(features), accepted);
                            model.update(features, accepted, config.model().forgetting(), prior.precision());
                        }
                        state.store(model, cache.featureNames(), Instant.now());
                        state.store(monitor);
                        state.revision = revision;
                        // the cache gets its own copy: the entity's model is not shared with decisions
                        return new Learnt(offerId, new PropensityModel(model.mean(), model.precision(), model.observations()),
                                revision, offer.code, monitor.summary());
                    }));
        });
    }

    public List<RankedAction> actions(Decision decision) {
        try {
            return json.readValue(decision.actionsJson, new TypeReference<List<RankedAction>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored actions of decision " + decision.id + " are unreadable", e);
        }
    }

    public DecisionInputs inputs(Decision decision) {
        if (decision.inputsJson == null) {
            return null;
        }
        try {
            return json.readValue(decision.inputsJson, DecisionInputs.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored inputs of decision " + decision.id + " are unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
