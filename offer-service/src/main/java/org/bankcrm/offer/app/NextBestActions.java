package org.bankcrm.offer.app;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.ClientFeatures;
import org.bankcrm.offer.domain.ClientSnapshot;
import org.bankcrm.offer.domain.ContactHistory;
import org.bankcrm.offer.domain.Decision;
import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.NextBestAction;
import org.bankcrm.offer.domain.Offer;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferResponse;
import org.bankcrm.offer.domain.Presentation;
import org.bankcrm.offer.domain.PropensityModel;
import org.bankcrm.offer.domain.PropensityState;
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
import org.bankcrm.offer.store.ClientLocks;
import org.bankcrm.offer.store.ClientProfileRepository;
import org.bankcrm.offer.store.DecisionRepository;
import org.bankcrm.offer.store.ErasedClientRepository;
import org.bankcrm.offer.store.OfferRepository;
import org.bankcrm.offer.store.OfferResponseRepository;
import org.bankcrm.offer.store.PresentationRepository;
import org.bankcrm.offer.store.PropensityStateRepository;
import org.bankcrm.platform.events.IncomingEvent;
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
    private final ClientProfileRepository profiles;
    private final ErasedClientRepository erased;
    private final OfferRepository offers;
    private final DecisionRepository decisions;
    private final PresentationRepository presentations;
    private final OfferResponseRepository responses;
    private final PropensityStateRepository models;
    private final ClientLocks locks;
    private final Catalogue catalogue;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final NextBestAction pipeline;

    public NextBestActions(OfferConfig config, ClientProfileRepository profiles, ErasedClientRepository erased,
            OfferRepository offers, DecisionRepository decisions, PresentationRepository presentations,
            OfferResponseRepository responses, PropensityStateRepository models, ClientLocks locks, Catalogue catalogue,
            Outbox outbox, ObjectMapper json) {
        this.config = config;
        this.profiles = profiles;
        this.erased = erased;
        this.offers = offers;
        this.decisions = decisions;
        this.presentations = presentations;
        this.responses = responses;
        this.models = models;
        this.locks = locks;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.json = json;
        var policy = config.contactPolicy();
        var score = config.score();
        ScoringWeights weights = new ScoringWeights(score.valueScale(), score.minValue(), score.assistedChannelWeight(),
                score.recoveryWeight(), score.positiveExperienceWeight(), score.churnRetentionWeight(),
                score.churnRiskThreshold(), score.strategyWeight(), score.loyaltyWeight(),
                policy.noSalesAfterNegativeExperience());
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
        this.pipeline = new NextBestAction(policies, weights);
    }

    /** The stored audit record of a decision's inputs. */
    public record DecisionInputs(ClientSnapshot client, boolean clientKnown, ContactHistory history, double[] features,
            Map<UUID, List<PolicyResult>> policyResults) {
    }

    public record Decided(Decision decision, List<RankedAction> actions) {
    }

    /** A channel asks at the decision point; the actions returned count as presented (weekly sales cap). */
    @WithTransaction
    public Uni<Decided> decideForChannel(UUID clientId, Channel channel, Integer limit) {
        int n = limit == null ? config.decision().defaultLimit() : limit;
        if (n < 1 || n > config.decision().maxLimit()) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + config.decision().maxLimit());
        }
        return erased.findById(clientId).chain(gone -> {
            if (gone != null) {
                return Uni.createFrom().failure(new ProblemException(410, "Gone", "Client " + clientId + " was erased"));
            }
            return decide(clientId, channel, n, REQUEST, null).call(d -> present(d));
        });
    }

    /** The event chain: recompute after an experience or a new loyalty score; runs inside the inbox's transaction. */
    public Uni<Decided> decideOnEvent(UUID clientId, String channel, String triggerType, IncomingEvent cause) {
        Channel on = channel != null ? Channel.valueOf(channel) : Channel.valueOf(config.decision().defaultChannel());
        return decide(clientId, on, config.decision().defaultLimit(), triggerType, cause);
    }

    private Uni<Decided> decide(UUID clientId, Channel channel, int limit, String triggerType, IncomingEvent cause) {
        Instant now = Instant.now();
        UUID decisionId = UUID.randomUUID();
        return locks.lock(clientId)
                .chain(() -> profiles.findById(clientId))
                .chain(profile -> offers.list("active = true order by code").chain(active -> models.listAll()
                        .chain(states -> history(clientId, now).chain(history -> catalogue.version().chain(catalogueVersion -> {
                            ClientSnapshot client = profile == null ? ClientSnapshot.unknown(clientId) : profile.snapshot();
                            DecisionContext context = new DecisionContext(client, channel, triggerType, now, history);
                            Map<UUID, PropensityState> byOffer = new HashMap<>();
                            states.forEach(s -> byOffer.put(s.offerId, s));
                            List<NextBestAction.Candidate> candidates = new ArrayList<>();
                            long modelVersion = 0;
                            for (Offer offer : active) {
                                PropensityState state = byOffer.get(offer.id);
                                PropensityModel model = state != null && state.matchesFeatures() ? state.model() : prior(offer);
                                modelVersion += model.observations();
                                candidates.add(new NextBestAction.Candidate(offer.terms(OfferConditions.parse(offer.conditionJson)), model));
                            }
                            boolean control = NextBestAction.inControlGroup(clientId, YearMonth.now(ZoneOffset.UTC),
                                    config.controlGroup().share());
                            Random random = new Random(decisionId.getMostSignificantBits() ^ decisionId.getLeastSignificantBits());
                            NextBestAction.Outcome outcome = pipeline.decide(candidates, context, limit, control, random);
                            double[] features = ClientFeatures.of(client, channel,
                                    context.recoveryNeeded(config.contactPolicy().noSalesAfterNegativeExperience()));
                            Decision decision = new Decision();
                            decision.id = decisionId;
                            decision.clientId = clientId;
                            decision.channel = channel.name();
                            decision.triggerType = triggerType;
                            decision.triggerEventId = cause == null ? null : cause.id();
                            decision.controlGroup = control;
                            decision.actionsJson = write(outcome.actions());
                            decision.inputsJson = write(new DecisionInputs(client, profile != null, history, features,
                                    outcome.policyResults()));
                            decision.catalogueVersion = catalogueVersion;
                            decision.modelVersion = modelVersion;
                            decision.decidedAt = now;
                            return decisions.persist(decision)
                                    .chain(() -> outbox.append(OfferEvents.decided(decision, outcome.actions(), cause)))
                                    .replaceWith(new Decided(decision, outcome.actions()));
                        })))));
    }

    private Uni<Void> present(Decided decided) {
        List<Presentation> shown = new ArrayList<>();
        for (RankedAction action : decided.actions()) {
            Presentation p = new Presentation();
            p.id = UUID.randomUUID();
            p.decisionId = decided.decision().id;
            p.clientId = decided.decision().clientId;
            p.offerId = action.offerId();
            p.category = action.category();
            p.presentedAt = decided.decision().decidedAt;
            shown.add(p);
        }
        return shown.isEmpty() ? Uni.createFrom().voidItem() : presentations.persist(shown);
    }

    private Uni<ContactHistory> history(UUID clientId, Instant now) {
        Instant since = now.minus(config.contactPolicy().reofferCooldown());
        return responses.list("clientId = ?1 and outcome = ?2 and respondedAt > ?3", clientId, OfferResponse.Outcome.DECLINED, since)
                .chain(declined -> presentations.count("clientId = ?1 and category = ?2 and presentedAt > ?3", clientId,
                        OfferCategory.SALES, now.minus(WEEK))
                        .map(sales -> {
                            Map<UUID, Instant> last = new LinkedHashMap<>();
                            declined.forEach(r -> last.merge(r.offerId, r.respondedAt, (a, b) -> a.isAfter(b) ? a : b));
                            return new ContactHistory(last, (int) (long) sales);
                        }));
    }

    PropensityModel prior(Offer offer) {
        return PropensityModel.fromPrior(ClientFeatures.SIZE, offer.priorAccepted, offer.priorDeclined,
                config.model().weightPrecision());
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

    public record Answered(OfferResponse response, boolean created) {
    }

    /** The client's answer to one action of a decision: once per decision and offer; the same answer again changes nothing. */
    @WithTransaction
    public Uni<Answered> respond(UUID decisionId, UUID offerId, OfferResponse.Outcome outcome) {
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
                                    return Uni.createFrom().item(new Answered(existing, false));
                                }
                                return record(decision, action, outcome);
                            });
                });
    }

    private Uni<Answered> record(Decision decision, RankedAction action, OfferResponse.Outcome outcome) {
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
        response.respondedAt = Instant.now();
        Uni<Void> learn = outcome == OfferResponse.Outcome.INTERESTED || inputs == null || inputs.features() == null
                ? Uni.createFrom().voidItem()
                : learn(action.offerId(), inputs.features(), outcome == OfferResponse.Outcome.ACCEPTED);
        return responses.persist(response)
                .chain(() -> learn)
                .chain(() -> outbox.append(OfferEvents.responded(response, action)))
                .replaceWith(new Answered(response, true));
    }

    /**
     * One more answer into the offer's posterior. The row is created (from the prior) if missing, then locked, so
     * concurrent answers to one offer, even its very first two, apply one after the other.
     */
    private Uni<Void> learn(UUID offerId, double[] features, boolean accepted) {
        return offers.findById(offerId).chain(offer -> {
            PropensityState seed = new PropensityState();
            seed.store(prior(offer), Instant.now());
            return Panache.getSession().chain(s -> s.createNativeQuery("""
                    insert into propensity_model (offer_id, features, mean, precision, observations, updated_at)
                    values (:id, :features, :mean, :precision, 0, now()) on conflict (offer_id) do nothing""")
                    .setParameter("id", offerId).setParameter("features", seed.features).setParameter("mean", seed.mean)
                    .setParameter("precision", seed.precision).executeUpdate())
                    .chain(() -> models.findById(offerId, LockModeType.PESSIMISTIC_WRITE))
                    .invoke(state -> {
                        PropensityModel model = state.matchesFeatures() ? state.model() : prior(offer);
                        if (features.length == ClientFeatures.SIZE) {
                            model.update(features, accepted);
                        }
                        state.store(model, Instant.now());
                    })
                    .replaceWithVoid();
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
