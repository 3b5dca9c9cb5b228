package org.bankcrm.interaction.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.CxCounts;
import org.bankcrm.interaction.domain.FieldProblem;
import org.bankcrm.interaction.domain.Journey;
import org.bankcrm.interaction.domain.OfferShown;
import org.bankcrm.interaction.domain.Touchpoint;
import org.bankcrm.interaction.domain.TouchpointContent;
import org.bankcrm.interaction.domain.TouchpointRules;
import org.bankcrm.interaction.events.InteractionEvents;
import org.bankcrm.interaction.events.InteractionEvents.Chain;
import org.bankcrm.interaction.events.TouchpointIngestConsumer;
import org.bankcrm.platform.erasure.ErasedClients;
import org.bankcrm.platform.store.ClientLocks;
import org.bankcrm.interaction.store.ClientSegmentStore;
import org.bankcrm.interaction.store.CxCounterStore;
import org.bankcrm.interaction.store.JourneyRepository;
import org.bankcrm.interaction.store.KnownClientRepository;
import org.bankcrm.interaction.store.TouchpointRepository;
import org.bankcrm.interaction.store.TouchpointRepository.TimelineFilter;
import org.bankcrm.interaction.store.TouchpointRepository.TimelineSlice;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.inbox.BatchEnd;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;
import org.bankcrm.platform.parking.ParkedRecords;
import org.bankcrm.platform.parking.ParkedRecords.GivenUp;
import org.bankcrm.platform.parking.ParkedRecords.Release;
import org.bankcrm.platform.problem.Problem;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.store.TransactionMemo;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Use cases on touchpoints. Recording one is one transaction: the touchpoint, its experience record and
 * the {@code crm.interaction.recorded} event in the outbox. Idempotent on the caller's id.
 */
@ApplicationScoped
public class TouchpointLog {
    private static final Logger LOG = Logger.getLogger(TouchpointLog.class);

    /** What became of a touchpoint offered for recording. */
    public enum Verdict {
        /** stored now, event appended */
        RECORDED,
        /** the same id with the same content came before: nothing changes */
        REPLAYED,
        /** the same id came before with other content */
        CONFLICT,
        /** the client is not known (yet) */
        UNKNOWN_CLIENT,
        /** the client was erased: takes no new touchpoints (REST 410, Kafka dropped) */
        ERASED_CLIENT,
        /** from Kafka, for a client not known yet: waits for the client */
        PARKED
    }

    public record Acceptance(Verdict verdict, Touchpoint touchpoint) {
    }

    private final TouchpointRepository touchpoints;
    private final KnownClientRepository clients;
    private final ErasedClients erased;
    private final JourneyRepository journeyRows;
    private final ParkedRecords parked;
    private final JourneyBook journeys;
    private final CxCounterStore counters;
    private final ClientLocks locks;
    private final ClientSegmentStore segments;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final InteractionConfig config;
    private final TouchpointRules rules;
    private final Clock clock = Clock.systemUTC();

    public TouchpointLog(TouchpointRepository touchpoints, KnownClientRepository clients, ErasedClients erased,
            ParkedRecords parked, JourneyBook journeys, JourneyRepository journeyRows,
            CxCounterStore counters, ClientLocks locks, ClientSegmentStore segments, Outbox outbox, ObjectMapper json,
            InteractionConfig config) {
        this.erased = erased;
        this.journeyRows = journeyRows;
        this.segments = segments;
        this.locks = locks;
        this.counters = counters;
        this.journeys = journeys;
        this.touchpoints = touchpoints;
        this.clients = clients;
        this.parked = parked;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
        this.rules = new TouchpointRules(config.clockSkew());
    }

    /**
     * A batch of submissions: their clients, their segments and their journeys read for all of them at once, and which
     * of their touchpoints' ids were recorded before, so each touchpoint finds them without a statement of its own; the
     * batch's CX counters are summed and written at its end ({@link #count}).
     */
    public Uni<Void> prefetchBatch(Set<UUID> clientIds, List<IncomingEvent> events) {
        Set<UUID> ids = new HashSet<>();
        for (IncomingEvent event : events) {
            try {
                ids.add(UUID.fromString(event.data().path("id").asText()));
            } catch (IllegalArgumentException unreadable) {
                // the submission's own check refuses it
            }
        }
        return clients.loadAll(clientIds).chain(() -> segments.prefetch(clientIds)).chain(() -> journeys.prefetch(clientIds))
                .chain(() -> ids.isEmpty() ? Uni.createFrom().voidItem() : touchpoints.recordedOf(ids)
                        .chain(recorded -> TransactionMemo.of(NOT_RECORDED, HashSet<UUID>::new).invoke(notRecorded -> {
                            notRecorded.addAll(ids);
                            notRecorded.removeAll(recorded);
                        }))
                        .replaceWithVoid());
    }

    /** Touchpoint ids of the transaction's batch that the prefetch found not recorded (and no touchpoint took since). */
    private static final String NOT_RECORDED = TouchpointLog.class.getName() + ".notRecorded";

    /** The stored touchpoint of this id, null if none: without a statement when the batch's prefetch found none. */
    private Uni<Touchpoint> recorded(UUID id) {
        return TransactionMemo.of(NOT_RECORDED, HashSet<UUID>::new)
                // taken out: a second touchpoint of this id in the batch finds the first in the session
                .chain(notRecorded -> notRecorded.remove(id) ? Uni.createFrom().nullItem() : touchpoints.findById(id));
    }

    /**
     * A touchpoint from a channel: 400 for a broken rule, 404 for a client not known, 410 for an erased client
     * (as offer-service answers a decision for them: gone for good, unlike a client not known yet), 409 when the
     * id was used before for other content; the stored record either way when it was recorded or replayed.
     */
    @WithTransaction
    public Uni<Acceptance> record(TouchpointSubmission submission) {
        TouchpointContent content = submission.toContent();
        List<FieldProblem> problems = problems(content);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(invalid(problems));
        }
        return accept(content, Touchpoint.Origin.REST, null).invoke(acceptance -> {
            switch (acceptance.verdict()) {
                case CONFLICT -> throw ProblemException
                        .conflict("Interaction " + content.id() + " was recorded before with other content")
                        .with("existingId", content.id());
                case UNKNOWN_CLIENT -> throw ProblemException.notFound("client", content.clientId());
                case ERASED_CLIENT -> throw new ProblemException(410, "Gone",
                        "Client " + content.clientId() + " was erased and takes no new touchpoints");
                default -> {
                }
            }
        });
    }

    /**
     * A touchpoint from another bank system, applied in the inbox's transaction. A broken rule or a conflict
     * is a {@link MalformedEventException} (the record goes to the DLQ with the reason, no retry); a client
     * not known yet parks the touchpoint until the client arrives; an erased client's touchpoint is dropped (the DLQ
     * would keep its notes after the erasure). Its crm.interaction.recorded is caused by the record's ce_id.
     */
    public Uni<Verdict> ingest(TouchpointContent content, IncomingEvent event) {
        List<FieldProblem> problems = problems(content);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new MalformedEventException(event.type() + " data is invalid: "
                    + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; "))));
        }
        Chain chain = Chain.causedBy(event);
        return accept(content, Touchpoint.Origin.KAFKA, chain).chain(acceptance -> switch (acceptance.verdict()) {
            case CONFLICT -> Uni.createFrom().failure(conflict(content));
            case UNKNOWN_CLIENT -> park(content, event);
            case ERASED_CLIENT -> dropped(content.id(), event);
            default -> Uni.createFrom().item(acceptance.verdict());
        });
    }

    private static Uni<Verdict> dropped(UUID touchpointId, IncomingEvent event) {
        LOG.infof("%s %s (touchpoint %s) of an erased client dropped", event.type(), event.id(), touchpointId);
        return Uni.createFrom().item(Verdict.ERASED_CLIENT);
    }

    /**
     * An offer presented or answered, from offer-service's events, applied in the inbox's transaction: stored
     * once under its derived id with the offers it is about, in the client's timeline only. No
     * crm.interaction.recorded (offer-service would decide again on the echo of its own decision), no journey
     * and no CX counters (an offer is no experience of a need). A client not known yet fails the effect so
     * that the inbox tries it again (client-service's event may be a little behind) and then dead-letters it; an
     * erased client's offer is dropped.
     */
    public Uni<Verdict> recordOffer(TouchpointContent content, UUID decisionId, List<OfferShown> offers,
            IncomingEvent event) {
        List<FieldProblem> problems = problems(content);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new MalformedEventException(event.type() + " data is invalid: "
                    + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; "))));
        }
        String offersJson;
        try {
            offersJson = json.writeValueAsString(offers);
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return locks.lock(content.clientId()).chain(() -> touchpoints.findById(content.id())).chain(existing -> {
            if (existing != null) {
                return existing.isRepeatedBy(content) && offersJson.equals(existing.offers)
                        ? Uni.createFrom().item(Verdict.REPLAYED)
                        : Uni.createFrom().failure(conflict(content));
            }
            return clients.findById(content.clientId()).chain(client -> {
                if (client == null) {
                    return erased.isErased(content.clientId()).chain(gone -> gone
                            ? dropped(content.id(), event)
                            : Uni.createFrom().failure(new IllegalStateException("client " + content.clientId()
                                    + " is not known (yet): no crm.client.registered applied")));
                }
                Touchpoint touchpoint = Touchpoint.of(content, Touchpoint.Origin.OFFER_EVENTS, clock.instant());
                touchpoint.decisionId = decisionId;
                touchpoint.offers = offersJson;
                return touchpoints.persist(touchpoint).replaceWith(Verdict.RECORDED);
            });
        });
    }

    private Uni<Verdict> park(TouchpointContent content, IncomingEvent event) {
        return parked.find(TouchpointIngestConsumer.CONSUMER, content.id().toString()).chain(earlier -> {
            if (earlier != null) {
                return read(earlier.data).equals(content)
                        ? Uni.createFrom().item(Verdict.PARKED)
                        : Uni.createFrom().failure(conflict(content));
            }
            return parked.park(TouchpointIngestConsumer.CONSUMER, event, content.id().toString()).replaceWith(Verdict.PARKED);
        });
    }

    /**
     * Applies the touchpoints parked for a client who just became known, in the transaction that made the
     * client known. One that conflicts with a touchpoint recorded meanwhile is given up: the sweep sends it
     * to the DLQ with the reason.
     */
    public Uni<Void> releaseParked(UUID clientId) {
        return parked.release(clientId.toString(), event -> {
            TouchpointContent content = read(event.data().toString());
            // still caused by the record it came in (its headers are kept with it)
            return accept(content, Touchpoint.Origin.KAFKA, Chain.causedBy(event)).map(acceptance -> switch (acceptance.verdict()) {
                case RECORDED, REPLAYED, ERASED_CLIENT -> Release.APPLIED;
                case CONFLICT -> throw new GivenUp(conflict(content).getMessage());
                default -> Release.WAITING;
            });
        });
    }

    private TouchpointContent read(String payload) {
        try {
            return json.readValue(payload, TouchpointSubmission.class).toContent();
        } catch (Exception e) {
            throw new IllegalStateException("a parked touchpoint cannot be read again", e);
        }
    }

    /** Whether {@code replay} repeats the stored touchpoint, its stated needs included. */
    private boolean repeats(Touchpoint existing, TouchpointContent replay) {
        return existing.isRepeatedBy(replay) && Objects.equals(existing.statedNeeds, statedNeedsJson(replay));
    }

    private String statedNeedsJson(TouchpointContent content) {
        if (content.statedNeeds() == null) {
            return null;
        }
        try {
            return json.writeValueAsString(content.statedNeeds());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MalformedEventException conflict(TouchpointContent content) {
        return new MalformedEventException("touchpoint " + content.id() + " was recorded before with other content");
    }

    /** The rules beyond each field's shape, checked at the service's clock. */
    public List<FieldProblem> problems(TouchpointContent content) {
        return rules.problems(content, clock.instant());
    }

    /**
     * Stores the touchpoint unless its id is known, in the caller's transaction and under the client's lock (which
     * a registration and an erasure take too): the same content again is a replay, other content a conflict; a
     * client not known (or erased) is left to the caller to refuse, park or drop. {@code chain}: what caused the
     * touchpoint's crm.interaction.recorded (null when it starts a chain).
     */
    Uni<Acceptance> accept(TouchpointContent content, Touchpoint.Origin origin, Chain chain) {
        return locks.lock(content.clientId()).chain(() -> recorded(content.id())).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new Acceptance(
                        repeats(existing, content) ? Verdict.REPLAYED : Verdict.CONFLICT, existing));
            }
            return clients.findById(content.clientId()).chain(client -> client != null
                    ? store(content, origin, chain)
                    : erased.isErased(content.clientId()).map(gone -> new Acceptance(
                            gone ? Verdict.ERASED_CLIENT : Verdict.UNKNOWN_CLIENT, null)));
        });
    }

    /**
     * The touchpoint, its crm.interaction.recorded and a crm.interaction.journey-closed for each journey it closed,
     * caused by the recorded event (so a score and a decision on the closed journey lead back to the touchpoint).
     */
    private Uni<Acceptance> store(TouchpointContent content, Touchpoint.Origin origin, Chain chain) {
        Touchpoint touchpoint = Touchpoint.of(content, origin, clock.instant());
        touchpoint.statedNeeds = statedNeedsJson(content);
        return journeys.place(touchpoint).chain(placement -> touchpoints.persist(touchpoint)
                .call(saved -> outbox.append(InteractionEvents.recorded(saved, chain)).chain(recordedId -> {
                    Chain closedBy = Chain.causedBy(recordedId, chain);
                    return appendAll(placement.closed().stream()
                            .map(journey -> InteractionEvents.journeyClosed(journey, closedBy)).toList());
                }))
                // last, so the counter row stays locked for the shortest time before the commit
                .call(saved -> count(saved, placement.closed()))
                .map(saved -> new Acceptance(Verdict.RECORDED, saved)));
    }

    /**
     * The touchpoint's and its closed journeys' CX counts: in an inbox batch summed per cell and written once at the
     * batch's end (one statement per table whatever the batch holds), else written at once.
     */
    private Uni<Void> count(Touchpoint touchpoint, List<Journey> closed) {
        return segments.of(touchpoint.clientId).chain(clientSegments -> {
            int shard = shard(touchpoint.clientId);
            CxCounterStore.Pending pending = BatchEnd.accumulator(PENDING_COUNTS, CxCounterStore.Pending::new, counters::addAll);
            if (pending != null) {
                pending.add(shard, day(touchpoint.occurredAt), touchpoint.channel, touchpoint.need, touchpoint.cause,
                        touchpoint.causeDetail, CxCounts.of(touchpoint), clientSegments);
                for (Journey journey : closed) {
                    pending.add(shard, day(journey.closedAt), journey.firstChannel, journey.need, null, null,
                            CxCounts.ofClosed(journey), clientSegments);
                }
                return Uni.createFrom().voidItem();
            }
            Uni<Void> chain = counters.add(shard, day(touchpoint.occurredAt), touchpoint.channel, touchpoint.need,
                    touchpoint.cause, touchpoint.causeDetail, CxCounts.of(touchpoint), clientSegments);
            for (Journey journey : closed) {
                chain = chain.chain(() -> counters.add(shard, day(journey.closedAt), journey.firstChannel, journey.need, null,
                        null, CxCounts.ofClosed(journey), clientSegments));
            }
            return chain;
        });
    }

    private static final String PENDING_COUNTS = TouchpointLog.class.getName() + ".counts";

    private int shard(UUID clientId) {
        return CxCounterStore.shardOf(clientId, config.metrics().counterShards());
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private Uni<Void> appendAll(List<OutgoingEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var event : events) {
            chain = chain.chain(() -> outbox.append(event).replaceWithVoid());
        }
        return chain;
    }

    /**
     * Closes, as abandoned, open journeys whose last contact is older than the journey window (the client did
     * not come back on the need), each with its crm.interaction.journey-closed and its counters; returns how
     * many it closed. Each client is locked first, so a contact being recorded meanwhile wins.
     */
    @WithTransaction
    public Uni<Integer> closeAbandonedJourneys(int limit) {
        Instant now = clock.instant();
        return journeys.staleOpen(now, limit).chain(stale -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (var journey : stale) {
                chain = chain.chain(closed -> locks.lock(journey.clientId())
                        .chain(() -> journeys.abandonIfStale(journey.id(), now))
                        .chain(abandoned -> abandoned == null
                                ? Uni.createFrom().item(closed)
                                : outbox.append(InteractionEvents.journeyClosed(abandoned))
                                        .chain(() -> segments.of(abandoned.clientId))
                                        .chain(clientSegments -> counters.add(shard(abandoned.clientId), day(abandoned.closedAt),
                                                abandoned.firstChannel, abandoned.need, null, null,
                                                CxCounts.ofClosed(abandoned), clientSegments))
                                        .replaceWith(closed + 1)));
            }
            return chain;
        });
    }

    /**
     * The client's right to erasure, in the inbox's transaction, after {@link ClientDirectory#erased} took the
     * client's lock: their touchpoints, journeys and touchpoints still parked for them are deleted (parked ones are
     * not dead-lettered: they carry notes). The CX counters stay: they hold no client.
     */
    public Uni<Void> erase(UUID clientId) {
        return touchpoints.deleteOfClient(clientId)
                .chain(() -> journeyRows.deleteOfClient(clientId))
                .chain(() -> parked.deleteOfClient(clientId.toString()))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<Touchpoint> find(UUID id) {
        return touchpoints.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("interaction", id));
    }

    /** A known client's touchpoints, newest first; 404 for a client this service does not know. */
    @WithSession
    public Uni<TimelineSlice> timeline(TimelineFilter filter, int page, int size) {
        return clients.findById(filter.clientId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("client", filter.clientId()))
                .chain(() -> touchpoints.timeline(filter, page, size));
    }

    private static ProblemException invalid(List<FieldProblem> problems) {
        ProblemException e = ProblemException.invalidField(problems.get(0).field(), problems.get(0).message());
        problems.stream().skip(1).forEach(p -> e.violations().add(new Problem.Violation(p.field(), p.message())));
        return e;
    }
}
