package org.bankcrm.interaction.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.bankcrm.interaction.domain.Journey;
import org.bankcrm.interaction.domain.JourneyRules;
import org.bankcrm.interaction.domain.JourneyStatus;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.interaction.domain.Touchpoint;
import org.bankcrm.interaction.store.JourneyRepository;
import org.bankcrm.interaction.store.JourneyRepository.JourneySlice;
import org.bankcrm.interaction.store.JourneyRepository.StaleJourney;
import org.bankcrm.interaction.store.KnownClientRepository;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.store.TransactionMemo;

import io.quarkus.hibernate.reactive.panache.common.WithSession;

import io.smallrye.mutiny.Uni;

/**
 * Places each new touchpoint in its client's journey on that need, in the transaction that records the
 * touchpoint: continues the open journey, or closes a stale one as abandoned and begins a new one (a repeat
 * contact when it follows a resolved journey on the same need within the repeat-contact window).
 */
@ApplicationScoped
public class JourneyBook {
    private final JourneyRepository journeys;
    private final KnownClientRepository clients;
    private final JourneyRules rules;

    public JourneyBook(JourneyRepository journeys, KnownClientRepository clients, InteractionConfig config) {
        this.journeys = journeys;
        this.clients = clients;
        this.rules = new JourneyRules(config.journey().window(), config.journey().repeatContactWindow(),
                config.journey().lateContactGrace());
    }

    /** The journeys the touchpoint closed, if any, each to be announced with crm.interaction.journey-closed. */
    public record Placement(List<Journey> closed) {
    }

    /** Sets the touchpoint's journeyId and repeatContact, and stores the journey's new state. */
    public Uni<Placement> place(Touchpoint touchpoint) {
        if (!rules.formsJourney(touchpoint.type)) {
            return Uni.createFrom().item(new Placement(List.of()));
        }
        return TransactionMemo.of(READ, Read::new).chain(read -> {
            boolean prefetched = read.clients.contains(touchpoint.clientId);
            Key key = new Key(touchpoint.clientId, touchpoint.need);
            Uni<Journey> openNow = prefetched ? Uni.createFrom().item(read.open.get(key))
                    : journeys.openFor(touchpoint.clientId, touchpoint.need);
            return openNow.chain(open -> {
                List<Journey> closed = new ArrayList<>();
                if (open != null && rules.continues(open, touchpoint.occurredAt)) {
                    open.add(touchpoint);
                    touchpoint.journeyId = open.id;
                    if (!open.isOpen()) {
                        closed.add(open);
                        read.closed(key, open);
                    }
                    return Uni.createFrom().item(new Placement(closed));
                }
                if (open != null) {
                    open.abandon(rules.abandonedAt(open));
                    closed.add(open);
                    read.closed(key, open);
                }
                // no flush before the new journey: "one open journey per need" is checked at commit (V14), when the
                // update that closes the old one has been written too
                Uni<Journey> lastResolved = prefetched ? Uni.createFrom().item(read.lastResolved.get(key))
                        : journeys.lastResolved(touchpoint.clientId, touchpoint.need);
                return lastResolved.chain(last -> {
                    boolean repeat = rules.isRepeatContact(last, touchpoint.occurredAt);
                    Journey journey = Journey.begin(UUID.randomUUID(), touchpoint, repeat ? last.id : null);
                    touchpoint.journeyId = journey.id;
                    touchpoint.repeatContact = repeat;
                    if (journey.isOpen()) {
                        read.open.put(key, journey);
                    } else {
                        closed.add(journey);
                        read.closed(key, journey);
                    }
                    return journeys.persist(journey).replaceWith(new Placement(closed));
                });
            });
        });
    }

    /**
     * An ingest batch: the open journeys and the last resolved one per need of its clients, read in two statements and
     * kept for the transaction, so that placing each touchpoint queries none (each query would also flush the session,
     * whose entities grow with the batch). {@link #place} keeps them current as it opens and closes journeys.
     */
    public Uni<Void> prefetch(Set<UUID> clientIds) {
        return journeys.openOf(clientIds).chain(open -> journeys.lastResolvedOf(clientIds).chain(resolved ->
                TransactionMemo.of(READ, Read::new).invoke(read -> {
                    read.clients.addAll(clientIds);
                    open.forEach(journey -> read.open.put(new Key(journey.clientId, journey.need), journey));
                    resolved.forEach(journey -> read.resolved(new Key(journey.clientId, journey.need), journey));
                })))
                .replaceWithVoid();
    }

    private static final String READ = JourneyBook.class.getName() + ".read";

    private record Key(UUID clientId, Need need) {
    }

    /** What a batch's prefetch read of its clients' journeys, as the batch's placements left them. */
    private static final class Read {
        final Set<UUID> clients = new HashSet<>();
        final Map<Key, Journey> open = new HashMap<>();
        final Map<Key, Journey> lastResolved = new HashMap<>();

        void closed(Key key, Journey journey) {
            open.remove(key, journey);
            if (journey.status == JourneyStatus.RESOLVED) {
                resolved(key, journey);
            }
        }

        /** The latest resolved (by closedAt), as the one-client query orders them. */
        void resolved(Key key, Journey journey) {
            Journey before = lastResolved.get(key);
            if (before == null || journey.closedAt.isAfter(before.closedAt)) {
                lastResolved.put(key, journey);
            }
        }
    }

    /** Open journeys whose last contact is older than the window, the oldest first. */
    public Uni<List<StaleJourney>> staleOpen(Instant now, int limit) {
        return journeys.staleOpen(now.minus(rules.window()), now.minus(rules.lateContactGrace()), limit);
    }

    /** Closes the journey as abandoned if it still is open and stale (read afresh under lock); null otherwise. */
    public Uni<Journey> abandonIfStale(UUID journeyId, Instant now) {
        return journeys.findById(journeyId, LockModeType.PESSIMISTIC_WRITE).map(journey -> {
            if (journey == null || !rules.isAbandoned(journey, now)) {
                return null;
            }
            journey.abandon(rules.abandonedAt(journey));
            return journey;
        });
    }

    /** A known client's journeys, the latest begun first; 404 for a client this service does not know. */
    @WithSession
    public Uni<JourneySlice> ofClient(UUID clientId, JourneyStatus status, Need need, int page, int size) {
        return clients.findById(clientId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("client", clientId))
                .chain(() -> journeys.ofClient(clientId, status, need, page, size));
    }
}
