package org.bankcrm.interaction.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.interaction.app.ClientDirectory;
import org.bankcrm.interaction.app.TouchpointLog;
import org.bankcrm.platform.events.EventPayloads;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.inbox.Inbox;
import org.bankcrm.platform.inbox.Ordering;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * Applies client-service's events ({@code crm.client.events.v1}) to the local read model, once per
 * ce_id. What cannot be read throws, and the channel's dead-letter strategy moves it to the DLQ.
 */
@ApplicationScoped
public class ClientEventsConsumer {
    static final String CHANNEL = "client-events";
    static final String CONSUMER = "interaction-service/client-events";
    static final String REGISTERED = "crm.client.registered";
    static final String ERASED = "crm.client.erased";
    static final String SEGMENT_CHANGED = "crm.client.segment-changed";
    /**
     * The client events this service reads; the others (financials, products, value, consents) are turned down before
     * any transaction: a core system's monthly load of financials costs this service no inbox row and no statement.
     */
    static final java.util.Set<String> READ = java.util.Set.of(REGISTERED, ERASED, SEGMENT_CHANGED);

    /** Our reading of crm.client.registered: only what this service needs (contract: client-service). */
    public record ClientRegistered(@NotNull UUID clientId, @NotNull String type, @NotNull Instant registeredAt) {
    }

    /** Our reading of crm.client.erased (contract: client-service). */
    public record ClientErased(@NotNull UUID clientId, @NotNull Instant erasedAt) {
    }

    /** Our reading of crm.client.segment-changed: every segment the client belongs to now (contract: client-service). */
    public record ClientSegmentChanged(@NotNull UUID clientId,
            @NotNull List<@NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}") String> segments) {
    }

    private final EventPayloads payloads;
    private final Inbox inbox;
    private final ClientDirectory directory;
    private final TouchpointLog touchpoints;

    public ClientEventsConsumer(EventPayloads payloads, Inbox inbox, ClientDirectory directory, TouchpointLog touchpoints) {
        this.payloads = payloads;
        this.inbox = inbox;
        this.directory = directory;
        this.touchpoints = touchpoints;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        return inbox.consumeBatch(CONSUMER, poll, Ordering.STATE, event -> READ.contains(event.type()),
                Inbox.eachInTurn(this::apply));
    }

    private Uni<?> apply(IncomingEvent event) {
        if (REGISTERED.equals(event.type())) {
            ClientRegistered registered = payloads.read(event, ClientRegistered.class, ClientRegistered::clientId);
            // touchpoints that came from other systems before the client are applied in the same transaction, under
            // the client's lock that parks them (so none is parked unseen meanwhile); none for an erased client
            return directory.registered(registered.clientId(), registered.type(), registered.registeredAt(), event.id())
                    .call(known -> known == null ? Uni.createFrom().voidItem()
                            : touchpoints.releaseParked(registered.clientId()));
        }
        if (ERASED.equals(event.type())) {
            ClientErased erased = payloads.read(event, ClientErased.class, ClientErased::clientId);
            return directory.erased(erased.clientId(), erased.erasedAt())
                    .call(now -> now ? touchpoints.erase(erased.clientId()) : Uni.createFrom().voidItem());
        }
        if (SEGMENT_CHANGED.equals(event.type())) {
            ClientSegmentChanged changed = payloads.read(event, ClientSegmentChanged.class, ClientSegmentChanged::clientId);
            return directory.segmentsChanged(changed.clientId(), List.copyOf(new java.util.TreeSet<>(changed.segments())),
                    event.id());
        }
        return Uni.createFrom().voidItem(); // not in READ: turned down before
    }
}
