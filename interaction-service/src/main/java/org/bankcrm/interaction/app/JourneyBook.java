package org.bankcrm.interaction.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        return journeys.openFor(touchpoint.clientId, touchpoint.need).chain(open -> {
            List<Journey> closed = new ArrayList<>();
            if (open != null && rules.continues(open, touchpoint.occurredAt)) {
                open.add(touchpoint);
                touchpoint.journeyId = open.id;
                if (!open.isOpen()) {
                    closed.add(open);
                }
                return Uni.createFrom().item(new Placement(closed));
            }
            if (open != null) {
                open.abandon(rules.abandonedAt(open));
                closed.add(open);
            }
            // the abandoned journey must leave the "one open journey per need" index before the new one enters
            Uni<Void> flushed = open != null ? journeys.flush() : Uni.createFrom().voidItem();
            return flushed.chain(() -> journeys.lastResolved(touchpoint.clientId, touchpoint.need)).chain(last -> {
                boolean repeat = rules.isRepeatContact(last, touchpoint.occurredAt);
                Journey journey = Journey.begin(UUID.randomUUID(), touchpoint, repeat ? last.id : null);
                touchpoint.journeyId = journey.id;
                touchpoint.repeatContact = repeat;
                if (!journey.isOpen()) {
                    closed.add(journey);
                }
                return journeys.persist(journey).replaceWith(new Placement(closed));
            });
        });
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
