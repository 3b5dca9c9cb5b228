package org.bankcrm.client.events;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.client.app.StatedNeedsIntake;
import org.bankcrm.client.domain.StatedNeed;
import org.bankcrm.client.domain.StatedNeeds;
import org.bankcrm.platform.events.EventPayloads;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * The one thing client-service takes from interaction-service's events ({@code crm.interaction.events.v1}): the needs
 * and motives a client stated at a touchpoint ({@code statedNeeds} of {@code crm.interaction.recorded}), which become
 * part of the client's profile. Touchpoints that state none are turned down without a transaction.
 */
@ApplicationScoped
public class InteractionEventsConsumer {
    static final String CHANNEL = "interaction-events";
    static final String CONSUMER = "client-service/interaction-events";
    static final String RECORDED = "crm.interaction.recorded";
    static final String STATED_NEEDS = "statedNeeds";

    /** What this service reads of a crm.interaction.recorded (its other fields are interaction-service's concern). */
    public record InteractionRecorded(@NotNull UUID interactionId, @NotNull UUID clientId, @NotNull Instant occurredAt,
            @NotNull List<@NotNull StatedNeed> statedNeeds) {

        StatedNeeds statement() {
            return new StatedNeeds(statedNeeds.isEmpty() ? EnumSet.noneOf(StatedNeed.class) : EnumSet.copyOf(statedNeeds),
                    occurredAt, interactionId);
        }
    }

    private final EventPayloads payloads;
    private final Inbox inbox;
    private final StatedNeedsIntake intake;

    public InteractionEventsConsumer(EventPayloads payloads, Inbox inbox, StatedNeedsIntake intake) {
        this.payloads = payloads;
        this.inbox = inbox;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        return inbox.consumeBatch(CONSUMER, poll, InteractionEventsConsumer::statesNeeds, Inbox.eachInTurn(this::apply));
    }

    /** A recorded touchpoint at which the client was asked about their needs (an empty statement counts). */
    static boolean statesNeeds(IncomingEvent event) {
        return RECORDED.equals(event.type()) && event.data().hasNonNull(STATED_NEEDS);
    }

    private Uni<?> apply(IncomingEvent event) {
        InteractionRecorded e = payloads.read(event, InteractionRecorded.class, InteractionRecorded::clientId);
        return intake.apply(e.clientId(), e.statement());
    }
}
