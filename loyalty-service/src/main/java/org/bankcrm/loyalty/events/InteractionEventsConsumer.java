package org.bankcrm.loyalty.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.loyalty.app.LoyaltyLedger;
import org.bankcrm.platform.inbox.Inbox;
import org.bankcrm.platform.inbox.Ordering;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * Applies interaction-service's events ({@code crm.interaction.events.v1}) once per ce_id, a poll's batch in one
 * transaction; a client's events of one batch cause one rescoring, which names every one of them.
 */
@ApplicationScoped
public class InteractionEventsConsumer {
    static final String CHANNEL = "interaction-events";
    static final String CONSUMER = "loyalty-service/interaction-events";

    private final Inbox inbox;
    private final LoyaltyLedger ledger;

    public InteractionEventsConsumer(Inbox inbox, LoyaltyLedger ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        return inbox.consumeBatch(CONSUMER, poll, Ordering.FACTS, event -> true, ledger::prefetch,
                events -> ledger.applyAll(CONSUMER, events));
    }
}
