package org.bankcrm.interaction.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.CxCounts;
import org.bankcrm.interaction.domain.FieldProblem;
import org.bankcrm.interaction.domain.Journey;
import org.bankcrm.interaction.domain.OfferShown;
import org.bankcrm.interaction.domain.ParkedTouchpoint;
import org.bankcrm.interaction.domain.Touchpoint;
import org.bankcrm.interaction.domain.TouchpointContent;
import org.bankcrm.interaction.domain.TouchpointRules;
import org.bankcrm.interaction.events.InteractionEvents;
import org.bankcrm.interaction.store.ClientLocks;
import org.bankcrm.interaction.store.ClientSegmentStore;
import org.bankcrm.interaction.store.CxCounterStore;
import org.bankcrm.interaction.store.KnownClientRepository;
import org.bankcrm.interaction.store.ParkedTouchpointRepository;
import org.bankcrm.interaction.store.TouchpointRepository;
import org.bankcrm.interaction.store.TouchpointRepository.TimelineFilter;
import org.bankcrm.interaction.store.TouchpointRepository.TimelineSlice;
import org.bankcrm.platform.events.CloudEventHeaders;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;
import org.bankcrm.platform.problem.Problem;
import org.bankcrm.platform.problem.ProblemException;

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
        /** the client was erased: takes no new touchpoints */
        ERASED_CLIENT,
        /** from Kafka, for a client not known yet: waits for the client */
        PARKED
    }

    public record Acceptance(Verdict verdict, Touchpoint touchpoint) {
    }

    private final TouchpointRepository touchpoints;
    private final KnownClientRepository clients;
    private final ParkedTouchpointRepository parked;
    private final JourneyBook journeys;
    private final CxCounterStore counters;
    private final ClientLocks locks;
    private final ClientSegmentStore segments;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final InteractionConfig config;
    private final TouchpointRules rules;
    private final Clock clock = Clock.systemUTC();

    public TouchpointLog(TouchpointRepository touchpoints, KnownClientRepository clients,
            ParkedTouchpointRepository parked, JourneyBook journeys, CxCounterStore counters, ClientLocks locks,
            ClientSegmentStore segments, Outbox outbox, ObjectMapper json, InteractionConfig config) {
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
     * A touchpoint from a channel: 400 for a broken rule, 404 for a client not known, 409 when the id was
     * used before for other content; the stored record either way when it was recorded or replayed.
     */
    @WithTransaction
    public Uni<Acceptance> record(TouchpointSubmission submission) {
        TouchpointContent content = submission.toContent();
        List<FieldProblem> problems = problems(content);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(invalid(problems));
        }
        return accept(content, Touchpoint.Origin.REST).invoke(acceptance -> {
            switch (acceptance.verdict()) {
                case CONFLICT -> throw ProblemException
                        .conflict("Interaction " + content.id() + " was recorded before with other content")
                        .with("existingId", content.id());
                case UNKNOWN_CLIENT, ERASED_CLIENT -> throw ProblemException.notFound("client", content.clientId());
                default -> {
                }
            }
        });
    }

    /**
     * A touchpoint from another bank system, applied in the inbox's transaction. A broken rule or a conflict
     * is a {@link MalformedEventException} (the record goes to the DLQ with the reason, no retry); a client
     * not known yet parks the touchpoint until the client arrives.
     */
    public Uni<Verdict> ingest(TouchpointContent content, IncomingEvent event) {
        List<FieldProblem> problems = problems(content);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new MalformedEventException(event.type() + " data is invalid: "
                    + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; "))));
        }
        return accept(content, Touchpoint.Origin.KAFKA).chain(acceptance -> switch (acceptance.verdict()) {
            case CONFLICT -> Uni.createFrom().failure(conflict(content));
            case UNKNOWN_CLIENT -> park(content, event);
            case ERASED_CLIENT -> Uni.createFrom().failure(new MalformedEventException(
                    "client " + content.clientId() + " was erased and takes no new touchpoints"));
            default -> Uni.createFrom().item(acceptance.verdict());
        });
    }

    /**
     * An offer presented or answered, from offer-service's events, applied in the inbox's transaction: stored
     * once under its derived id with the offers it is about, in the client's timeline only. No
     * crm.interaction.recorded (offer-service would decide again on the echo of its own decision), no journey
     * and no CX counters (an offer is no experience of a need). A client not known yet fails the effect so
     * that the inbox tries it again (client-service's event may be a little behind) and then dead-letters it.
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
                    return Uni.createFrom().failure(new IllegalStateException("client " + content.clientId()
                            + " is not known (yet): no crm.client.registered applied"));
                }
                if (client.isErased()) {
                    return Uni.createFrom().failure(new MalformedEventException(
                            "client " + content.clientId() + " was erased and takes no new touchpoints"));
                }
                Touchpoint touchpoint = Touchpoint.of(content, Touchpoint.Origin.OFFER_EVENTS, clock.instant());
                touchpoint.decisionId = decisionId;
                touchpoint.offers = offersJson;
                return touchpoints.persist(touchpoint).replaceWith(Verdict.RECORDED);
            });
        });
    }

    private Uni<Verdict> park(TouchpointContent content, IncomingEvent event) {
        return parked.findById(content.id()).chain(earlier -> {
            if (earlier != null) {
                return read(earlier.payload).equals(content)
                        ? Uni.createFrom().item(Verdict.PARKED)
                        : Uni.createFrom().failure(conflict(content));
            }
            ParkedTouchpoint waiting = ParkedTouchpoint.of(content.id(), content.clientId(), event.data().toString(),
                    headers(event), event.topic(), event.partition(), event.offset(), clock.instant(),
                    config.parking().maxWait());
            return parked.persist(waiting).replaceWith(Verdict.PARKED);
        });
    }

    /**
     * Applies the touchpoints parked for a client who just became known, in the transaction that made the
     * client known. One that conflicts with a touchpoint recorded meanwhile is given up: the sweep sends it
     * to the DLQ with the reason.
     */
    public Uni<Void> releaseParked(UUID clientId) {
        return parked.waitingFor(clientId).chain(waiting -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ParkedTouchpoint p : waiting) {
                chain = chain.chain(() -> release(p));
            }
            return chain;
        });
    }

    private Uni<Void> release(ParkedTouchpoint p) {
        TouchpointContent content = read(p.payload);
        return accept(content, Touchpoint.Origin.KAFKA).chain(acceptance -> switch (acceptance.verdict()) {
            case RECORDED, REPLAYED -> parked.delete(p);
            case CONFLICT -> Uni.createFrom().voidItem().invoke(() -> p.giveUp(conflict(content).getMessage(), clock.instant()));
            default -> Uni.createFrom().voidItem();
        });
    }

    private TouchpointContent read(String payload) {
        try {
            return json.readValue(payload, TouchpointSubmission.class).toContent();
        } catch (Exception e) {
            throw new IllegalStateException("a parked touchpoint cannot be read again", e);
        }
    }

    private String headers(IncomingEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.ID, event.id());
        headers.put(CloudEventHeaders.TYPE, event.type());
        headers.put(CloudEventHeaders.SOURCE, event.source());
        headers.put(CloudEventHeaders.SUBJECT, event.subject());
        headers.put(CloudEventHeaders.TIME, event.time().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        event.extensions().forEach((name, value) -> headers.put(CloudEventHeaders.PREFIX + name, value));
        try {
            return json.writeValueAsString(headers);
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
     * Stores the touchpoint unless its id is known, in the caller's transaction: the same content again is a
     * replay, other content a conflict; a client not known is left to the caller to refuse or park.
     */
    Uni<Acceptance> accept(TouchpointContent content, Touchpoint.Origin origin) {
        return locks.lock(content.clientId()).chain(() -> touchpoints.findById(content.id())).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new Acceptance(
                        existing.isRepeatedBy(content) ? Verdict.REPLAYED : Verdict.CONFLICT, existing));
            }
            return clients.findById(content.clientId()).chain(client -> client == null
                    ? Uni.createFrom().item(new Acceptance(Verdict.UNKNOWN_CLIENT, null))
                    : client.isErased()
                            ? Uni.createFrom().item(new Acceptance(Verdict.ERASED_CLIENT, null))
                            : store(content, origin));
        });
    }

    private Uni<Acceptance> store(TouchpointContent content, Touchpoint.Origin origin) {
        Touchpoint touchpoint = Touchpoint.of(content, origin, clock.instant());
        return journeys.place(touchpoint).chain(placement -> touchpoints.persist(touchpoint)
                .call(saved -> outbox.append(InteractionEvents.recorded(saved)))
                .call(saved -> appendAll(placement.closed().stream().map(InteractionEvents::journeyClosed).toList()))
                // last, so the counter row stays locked for the shortest time before the commit
                .call(saved -> count(saved, placement.closed()))
                .map(saved -> new Acceptance(Verdict.RECORDED, saved)));
    }

    private Uni<Void> count(Touchpoint touchpoint, List<Journey> closed) {
        return segments.of(touchpoint.clientId).chain(clientSegments -> {
            Uni<Void> chain = counters.add(day(touchpoint.occurredAt), touchpoint.channel, touchpoint.need,
                    touchpoint.causeDetail, CxCounts.of(touchpoint), clientSegments);
            for (Journey journey : closed) {
                chain = chain.chain(() -> counters.add(day(journey.closedAt), journey.firstChannel, journey.need, null,
                        CxCounts.ofClosed(journey), clientSegments));
            }
            return chain;
        });
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
                                        .chain(clientSegments -> counters.add(day(abandoned.closedAt),
                                                abandoned.firstChannel, abandoned.need, null,
                                                CxCounts.ofClosed(abandoned), clientSegments))
                                        .replaceWith(closed + 1)));
            }
            return chain;
        });
    }

    /**
     * The client's right to erasure, in the inbox's transaction: the free-text notes and employee ids of their
     * touchpoints go, what journeys and metrics need stays (the counters hold no personal data). Touchpoints
     * still parked for the client are deleted, not dead-lettered, since they carry notes.
     */
    public Uni<Void> erase(UUID clientId, Instant erasedAt) {
        return touchpoints.eraseClient(clientId, erasedAt)
                .chain(() -> parked.deleteOfClient(clientId))
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
