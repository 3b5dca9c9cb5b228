package org.bankcrm.offer.events;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.offer.app.ClientDirectory;
import org.bankcrm.offer.app.NextBestActions;
import org.bankcrm.offer.domain.ClientProfile;
import org.bankcrm.platform.events.EventPayloads;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.inbox.Inbox;
import org.bankcrm.platform.inbox.Ordering;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * Applies interaction-service's events ({@code crm.interaction.events.v1}): the latest experience and open complaints
 * go into the read model, and every recorded touchpoint recomputes the client's next best actions (the fast decision
 * of the chain), published as crm.offer.decided caused by the touchpoint's event.
 */
@ApplicationScoped
public class InteractionEventsConsumer {
    static final String CHANNEL = "interaction-events";
    static final String CONSUMER = "offer-service/interaction-events";
    static final String RECORDED = "crm.interaction.recorded";
    static final String JOURNEY_CLOSED = "crm.interaction.journey-closed";
    /** Touchpoints interaction-service makes of our own offer events: deciding on them again would loop. */
    static final Set<String> OWN_OFFER_TOUCHPOINTS = Set.of("OFFER_PRESENTED", "OFFER_RESPONSE");

    public record InteractionRecorded(@NotNull UUID interactionId, @NotNull UUID clientId, @NotNull Instant occurredAt,
            @NotNull String channel, @NotNull String type, @NotNull String outcome, @NotNull String valence, String cause,
            UUID journeyId, List<String> statedNeeds) {

        /** Without stated needs (a touchpoint at which none were asked). */
        public InteractionRecorded(UUID interactionId, UUID clientId, Instant occurredAt, String channel, String type,
                String outcome, String valence, String cause, UUID journeyId) {
            this(interactionId, clientId, occurredAt, channel, type, outcome, valence, cause, journeyId, null);
        }

        void applyTo(ClientProfile profile) {
            if (statedNeeds != null) {
                profile.stateNeeds(statedNeeds, occurredAt);
            }
            if (profile.lastExperienceAt == null || !occurredAt.isBefore(profile.lastExperienceAt)) {
                profile.lastChannel = channel;
                profile.lastType = type;
                profile.lastValence = valence;
                profile.lastCause = cause;
                profile.lastExperienceAt = occurredAt;
            }
            if ("NEGATIVE".equals(valence) && "BANK".equals(cause)
                    && (profile.lastNegativeBankCausedAt == null || occurredAt.isAfter(profile.lastNegativeBankCausedAt))) {
                profile.lastNegativeBankCausedAt = occurredAt;
            }
            String complaint = (journeyId != null ? journeyId : interactionId).toString();
            Set<String> open = new HashSet<>(profile.openComplaintSet());
            if ("RESOLVED".equals(outcome)) {
                open.remove(complaint);
            } else if ("COMPLAINT".equals(type)) {
                open.add(complaint);
            }
            profile.openComplaints(open);
        }
    }

    public record JourneyClosed(@NotNull UUID journeyId, @NotNull UUID clientId, @NotNull String status) {
    }

    private final EventPayloads payloads;
    private final Inbox inbox;
    private final ClientDirectory directory;
    private final NextBestActions nextBestActions;

    public InteractionEventsConsumer(EventPayloads payloads, Inbox inbox, ClientDirectory directory,
            NextBestActions nextBestActions) {
        this.payloads = payloads;
        this.inbox = inbox;
        this.directory = directory;
        this.nextBestActions = nextBestActions;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        return inbox.consumeBatch(CONSUMER, poll, Ordering.FACTS, event -> true, this::prefetch,
                events -> nextBestActions.decideOnceAfter(events, this::apply));
    }

    /** The batch's profiles and what its decisions read, each in one statement. */
    private Uni<Void> prefetch(Set<UUID> clientIds) {
        return directory.prefetch(clientIds).chain(() -> nextBestActions.prefetch(clientIds));
    }

    private Uni<?> apply(IncomingEvent event, NextBestActions.EventDecision decision) {
        if (RECORDED.equals(event.type())) {
            InteractionRecorded e = payloads.read(event, InteractionRecorded.class, InteractionRecorded::clientId);
            return directory.apply(e.clientId(), event.id(), e::applyTo).invoke(profile -> {
                if (profile != null && !OWN_OFFER_TOUCHPOINTS.contains(e.type())) {
                    decision.ask(profile, e.channel(), NextBestActions.INTERACTION, event);
                }
            });
        }
        if (JOURNEY_CLOSED.equals(event.type())) {
            JourneyClosed e = payloads.read(event, JourneyClosed.class, JourneyClosed::clientId);
            return directory.apply(e.clientId(), event.id(), p -> {
                Set<String> open = new HashSet<>(p.openComplaintSet());
                open.remove(e.journeyId().toString());
                p.openComplaints(open);
            });
        }
        return Uni.createFrom().voidItem();
    }
}
