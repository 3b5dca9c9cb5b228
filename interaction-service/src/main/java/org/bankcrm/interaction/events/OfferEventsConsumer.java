package org.bankcrm.interaction.events;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.interaction.app.TouchpointLog;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.OfferShown;
import org.bankcrm.interaction.domain.OfferTouchpoints;
import org.bankcrm.platform.events.EventPayloads;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Offers presented and answered, from offer-service's events ({@value #TOPIC}), as {@code OFFER_PRESENTED} and
 * {@code OFFER_RESPONSE} touchpoints of the client's timeline, once per ce_id and once per decision or
 * response (derived touchpoint ids). Only decisions a channel asked for (trigger REQUEST) were shown to the
 * client; those the event chain computed on its own are not touchpoints. What cannot be read goes to the DLQ.
 */
@ApplicationScoped
public class OfferEventsConsumer {
    public static final String TOPIC = "crm.offer.events.v1";
    static final String CHANNEL = "offer-events";
    static final String CONSUMER = "interaction-service/offer-events";
    static final String DECIDED = "crm.offer.decided";
    static final String RESPONDED = "crm.offer.responded";
    static final String REQUEST = "REQUEST";

    /** Our reading of crm.offer.decided: only what the timeline shows (contract: offer-service). */
    public record OfferDecided(@NotNull UUID decisionId, @NotNull UUID clientId, @NotNull @Valid Trigger trigger,
            @NotNull Channel channel, @NotNull List<@NotNull @Valid Action> actions, @NotNull Instant decidedAt) {
    }

    public record Trigger(@NotNull @Pattern(regexp = "[A-Z_]{1,40}") String type) {
    }

    public record Action(@NotNull @Min(1) Integer rank, @NotNull @Pattern(regexp = "[A-Z0-9_]{2,60}") String offerCode,
            @NotNull @Pattern(regexp = "[A-Z_]{1,40}") String category,
            @Pattern(regexp = "[A-Z_]{1,40}") String productType) {
    }

    /** Our reading of crm.offer.responded (contract: offer-service). */
    public record OfferResponded(@NotNull UUID responseId, @NotNull UUID decisionId, @NotNull UUID clientId,
            @NotNull @Pattern(regexp = "[A-Z0-9_]{2,60}") String offerCode,
            @NotNull @Pattern(regexp = "[A-Z_]{1,40}") String category,
            @Pattern(regexp = "[A-Z_]{1,40}") String productType, @NotNull Channel channel,
            @NotNull OfferTouchpoints.Answer outcome, @NotNull Instant respondedAt) {
    }

    private final EventPayloads payloads;
    private final Inbox inbox;
    private final TouchpointLog log;

    public OfferEventsConsumer(EventPayloads payloads, Inbox inbox, TouchpointLog log) {
        this.payloads = payloads;
        this.inbox = inbox;
        this.log = log;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        return inbox.consumeBatch(CONSUMER, poll, this::shown, Inbox.eachInTurn(this::apply));
    }

    /**
     * Whether the event is one the timeline shows: an answer, or a decision a channel asked for with actions. The
     * event chain's own decisions (two per touchpoint) are acknowledged without a transaction.
     */
    private boolean shown(IncomingEvent event) {
        if (RESPONDED.equals(event.type())) {
            return true;
        }
        if (!DECIDED.equals(event.type())) {
            return false; // an offer fact the timeline does not show
        }
        // a look at the trigger and the actions only: the chain's decisions (two per touchpoint) and a request without
        // actions are not read whole nor validated; the rest is, once, in apply, and what cannot be read there
        // (no readable trigger, actions that are no array, a broken field) goes to the DLQ with the reason
        String trigger = event.data().path("trigger").path("type").asText(null);
        if (trigger != null && !REQUEST.equals(trigger)) {
            return false;
        }
        JsonNode actions = event.data().path("actions");
        return !actions.isArray() || !actions.isEmpty();
    }

    private Uni<?> apply(IncomingEvent event) {
        if (DECIDED.equals(event.type())) {
            // shown(event) held: a channel's request with actions (the chain's decisions no one saw never get here)
            OfferDecided decided = payloads.read(event, OfferDecided.class, OfferDecided::clientId);
            List<OfferShown> offers = decided.actions().stream()
                    .sorted(Comparator.comparing(Action::rank))
                    .map(a -> new OfferShown(a.rank(), a.offerCode(), a.category(), a.productType(), null))
                    .toList();
            return log.recordOffer(OfferTouchpoints.presented(decided.decisionId(), decided.clientId(),
                    decided.decidedAt(), decided.channel(), offers), decided.decisionId(), offers, event);
        }
        if (RESPONDED.equals(event.type())) {
            OfferResponded responded = payloads.read(event, OfferResponded.class, OfferResponded::clientId);
            OfferShown offer = new OfferShown(null, responded.offerCode(), responded.category(),
                    responded.productType(), responded.outcome().name());
            return log.recordOffer(OfferTouchpoints.response(responded.responseId(), responded.clientId(),
                    responded.respondedAt(), responded.channel(), offer, responded.outcome()),
                    responded.decisionId(), List.of(offer), event);
        }
        return Uni.createFrom().voidItem(); // an offer fact the timeline does not show
    }
}
