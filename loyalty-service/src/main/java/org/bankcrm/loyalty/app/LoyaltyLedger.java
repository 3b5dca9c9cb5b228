package org.bankcrm.loyalty.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ClientFact;
import org.bankcrm.loyalty.domain.ClientProfile;
import org.bankcrm.loyalty.domain.LoyaltyAssessment;
import org.bankcrm.loyalty.domain.LoyaltyScore;
import org.bankcrm.loyalty.domain.LoyaltyScoring;
import org.bankcrm.loyalty.domain.ScoreChange;
import org.bankcrm.loyalty.events.FactReader;
import org.bankcrm.loyalty.events.LoyaltyEvents;
import org.bankcrm.platform.store.ClientLocks;
import org.bankcrm.loyalty.store.ClientProfileRepository;
import org.bankcrm.loyalty.store.LoyaltyScoreRepository;
import org.bankcrm.loyalty.store.ScoreChangeRepository;
import org.bankcrm.platform.erasure.ErasedClients;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.inbox.InTurn;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;
import org.bankcrm.platform.parking.ParkedRecords;
import org.bankcrm.platform.parking.ParkedRecords.Release;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies the facts other services' events tell to the client's state and rescores the client, in the
 * inbox's transaction: state, score, history and the outgoing events commit together. Incremental: one
 * row of counters per client is read and written, never the client's history.
 */
@ApplicationScoped
public class LoyaltyLedger {
    private static final Logger LOG = Logger.getLogger(LoyaltyLedger.class);

    private final ClientProfileRepository profiles;
    private final LoyaltyScoreRepository scores;
    private final ScoreChangeRepository history;
    private final ParkedRecords parked;
    private final ErasedClients erased;
    private final ClientLocks locks;
    private final FactReader facts;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final LoyaltyScoring scoring;
    private final double churnThreshold;
    private final Clock clock = Clock.systemUTC();
    private final io.micrometer.core.instrument.MeterRegistry metrics;
    private final ChurnLearning churnLearning;

    public LoyaltyLedger(ClientProfileRepository profiles, LoyaltyScoreRepository scores, ScoreChangeRepository history,
            ParkedRecords parked, ErasedClients erased, ClientLocks locks, FactReader facts,
            Outbox outbox, ObjectMapper json, LoyaltyConfig config, io.micrometer.core.instrument.MeterRegistry metrics,
            ChurnLearning churnLearning) {
        this.metrics = metrics;
        this.churnLearning = churnLearning;
        this.profiles = profiles;
        this.scores = scores;
        this.history = history;
        this.parked = parked;
        this.erased = erased;
        this.locks = locks;
        this.facts = facts;
        this.outbox = outbox;
        this.json = json;
        this.scoring = new LoyaltyScoring(config.rules());
        this.churnThreshold = config.churn().raisedThreshold();
    }

    /**
     * Applies the events of one client that one batch of {@code consumer} brought, in the order they came, inside the
     * inbox's transaction; the rescorings they ask for become one, at the end, answering the last of them (its ce_id
     * the causation) and listing every one in {@code causedBy}. An event without a fact for this service is skipped.
     */
    public Uni<Void> applyAll(String consumer, List<IncomingEvent> events) {
        Rescoring rescoring = new Rescoring();
        return InTurn.each(events, event -> facts.read(event)
                        .map(fact -> apply(consumer, event, fact, rescoring))
                        .orElseGet(() -> Uni.createFrom().voidItem()))
                .chain(() -> rescoring.due(this));
    }

    /**
     * A consumer's batch: the profiles and scores of {@code clientIds} loaded into the session, one statement each, so
     * that applying and rescoring each client finds them there without round trips of its own.
     */
    public Uni<Void> prefetch(Set<UUID> clientIds) {
        Object[] ids = clientIds.toArray();
        return Panache.getSession()
                .chain(session -> session.find(ClientProfile.class, ids).chain(() -> session.find(LoyaltyScore.class, ids)))
                .replaceWithVoid();
    }

    /**
     * Applies one event's fact; runs inside the inbox's transaction of {@code consumer}. The event of a client not known
     * yet is parked (the platform's {@link ParkedRecords}) until crm.client.registered arrives.
     */
    public Uni<Void> apply(String consumer, IncomingEvent event, ClientFact fact) {
        Rescoring rescoring = new Rescoring();
        return apply(consumer, event, fact, rescoring).chain(() -> rescoring.due(this));
    }

    private Uni<Void> apply(String consumer, IncomingEvent event, ClientFact fact, Rescoring rescoring) {
        UUID clientId = fact.clientId();
        return locks.lock(clientId)
                .chain(() -> profiles.findById(clientId))
                .chain(profile -> {
                    if (profile != null) {
                        return fact instanceof ClientFact.Erased e ? erase(clientId, e.erasedAt(), rescoring)
                                : applyTo(profile, event, fact, rescoring);
                    }
                    // only a client without a profile can be an erased one: the hot path skips this look-up
                    return erased.isErased(clientId).chain(gone -> {
                        if (gone) {
                            LOG.debugf("event %s of an erased client ignored", event.id());
                            return Uni.createFrom().voidItem();
                        }
                        if (fact instanceof ClientFact.Erased e) {
                            return erase(clientId, e.erasedAt(), rescoring);
                        }
                        if (fact instanceof ClientFact.Registered r) {
                            ClientProfile created = ClientProfile.registered(r);
                            created.applied(event.id(), clock.instant());
                            return profiles.persist(created)
                                    .invoke(p -> rescoring.ask(created, event))
                                    .chain(() -> releaseParked(created, clientId, rescoring));
                        }
                        return parked.park(consumer, event);
                    });
                });
    }

    /**
     * The rescoring the events of one client ask for, done once after all of them: the profile it reads and the ce_ids
     * it answers, in order. An erasure cancels it (nothing of the client may be written again).
     */
    private static final class Rescoring {
        private ClientProfile profile;
        private final List<IncomingEvent> causes = new ArrayList<>();

        void ask(ClientProfile profile, IncomingEvent cause) {
            this.profile = profile;
            causes.add(cause);
        }

        void cancel() {
            profile = null;
            causes.clear();
        }

        Uni<Void> due(LoyaltyLedger ledger) {
            if (profile == null) {
                return Uni.createFrom().voidItem();
            }
            IncomingEvent last = causes.get(causes.size() - 1);
            return ledger.rescore(profile, new Trigger(last.type(), last.id(), last,
                    causes.stream().map(IncomingEvent::id).toList()));
        }
    }

    /**
     * A fact that changed nothing a score reads (a journey closed as resolved) is applied without a rescoring: no new
     * score, no crm.loyalty.score-changed, and so no decision in offer-service on a score that did not move.
     */
    private Uni<Void> applyTo(ClientProfile profile, IncomingEvent event, ClientFact fact, Rescoring rescoring) {
        boolean moved = profile.apply(fact, scoring.rules().halfLives());
        profile.applied(event.id(), clock.instant());
        if (fact instanceof ClientFact.Left left) {
            return churnLearning.clientLeft(left, profile);
        }
        if (fact instanceof ClientFact.Returned returned) {
            return churnLearning.clientReturned(returned);
        }
        if (fact.rescores() && moved) {
            rescoring.ask(profile, event);
        }
        return Uni.createFrom().voidItem();
    }

    /** Applies, in the order they came, the events that waited for this client, and forgets them. */
    private Uni<Void> releaseParked(ClientProfile profile, UUID clientId, Rescoring rescoring) {
        return parked.release(clientId.toString(), event -> facts.read(event)
                .map(fact -> applyTo(profile, event, fact, rescoring))
                .orElseGet(() -> Uni.createFrom().voidItem())
                .replaceWith(Release.APPLIED));
    }

    /**
     * What a rescoring answers to: an incoming event (its ce_id becomes the causation of what is published)
     * or a recomputation job (cause null; published only when the score changed).
     */
    public record Trigger(String type, String id, IncomingEvent cause, List<String> causedBy) {
    }

    /** Rescores one client for a recomputation job; runs inside the job's batch transaction. */
    public Uni<Void> recompute(UUID clientId, UUID jobId) {
        return locks.lock(clientId)
                .chain(() -> profiles.findById(clientId))
                .chain(profile -> profile == null ? Uni.createFrom().voidItem()
                        : rescore(profile, new Trigger(RECOMPUTATION, jobId.toString(), null, List.of())));
    }

    /** triggerEventType of the scores a recomputation job changed. */
    public static final String RECOMPUTATION = "crm.loyalty.recomputation";

    private Uni<Void> rescore(ClientProfile profile, Trigger trigger) {
        Instant now = clock.instant();
        return churnLearning.current().chain(churnModel -> rescore(profile, trigger, scoring.assess(profile, now, churnModel), now));
    }

    private Uni<Void> rescore(ClientProfile profile, Trigger trigger, LoyaltyAssessment a, Instant now) {
        metrics.counter("crm.loyalty.rescored", "trigger", trigger.type()).increment();
        return scores.findById(profile.clientId).chain(existing -> {
            LoyaltyScore score = existing != null ? existing : new LoyaltyScore();
            LoyaltyEvents.Previous previous = existing == null ? null
                    : new LoyaltyEvents.Previous(existing.behavioural, existing.perceived, existing.type, existing.churnRisk);
            boolean changed = existing == null || existing.differsFrom(a);
            score.clientId = profile.clientId;
            if (!changed && trigger.cause() == null) {
                return Uni.createFrom().voidItem();
            }
            score.set(a, write(a.allFactors()), trigger.type(), trigger.id(), now);
            String clientId = profile.clientId.toString();
            Uni<?> saved = existing == null ? scores.persist(score) : Uni.createFrom().item(score);
            if (changed) {
                saved = saved.chain(() -> history.insert(ScoreChange.of(score, a.churnInputs(), profile.countryOfResidence)));
            }
            Uni<?> chain = saved.chain(() -> outbox.append(caused(OutgoingEvent.of(LoyaltyEvents.TOPIC,
                    LoyaltyEvents.SCORE_CHANGED, clientId, new LoyaltyEvents.ScoreChanged(profile.clientId,
                            a.behavioural(), a.perceived(), a.type().name(), a.churnRisk(), a.factors(), a.basis(),
                            previous, trigger.type(), trigger.id(), trigger.causedBy(), now)), trigger)));
            if (previous != null && !previous.type().equals(a.type().name())) {
                chain = chain.chain(() -> outbox.append(caused(OutgoingEvent.of(LoyaltyEvents.TOPIC,
                        LoyaltyEvents.TYPE_CHANGED, clientId, new LoyaltyEvents.TypeChanged(profile.clientId,
                                a.type().name(), previous.type(), a.behavioural(), a.perceived(), trigger.type(), now)),
                        trigger)));
            }
            double before = previous == null || previous.churnRisk() == null ? 0 : previous.churnRisk();
            if (a.churnRisk() != null && before < churnThreshold && a.churnRisk() >= churnThreshold) {
                chain = chain.chain(() -> outbox.append(caused(OutgoingEvent.of(LoyaltyEvents.TOPIC,
                        LoyaltyEvents.CHURN_RISK_RAISED, clientId, new LoyaltyEvents.ChurnRiskRaised(profile.clientId,
                                a.churnRisk(), previous == null ? null : previous.churnRisk(), churnThreshold,
                                a.type().name(), trigger.type(), now)), trigger)));
            }
            return chain.replaceWithVoid();
        });
    }

    private static OutgoingEvent caused(OutgoingEvent event, Trigger trigger) {
        return trigger.cause() == null ? event : event.causedBy(trigger.cause());
    }

    /** Forgets the client: state, scores, history and parked events; keeps only the id, to drop late events. */
    private Uni<Void> erase(UUID clientId, Instant erasedAt, Rescoring rescoring) {
        rescoring.cancel();
        return history.deleteOfClient(clientId)
                .chain(() -> scores.deleteById(clientId))
                .chain(() -> profiles.deleteById(clientId))
                .chain(() -> parked.deleteOfClient(clientId.toString()))
                .chain(() -> erased.record(clientId, erasedAt))
                .invoke(() -> LOG.infof("client %s erased from loyalty-service", clientId))
                .replaceWithVoid();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
