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
 * Applies client-service's events ({@code crm.client.events.v1}) once per ce_id, a poll's batch in one transaction: a
 * client's events of one batch are rescored once. What cannot be read goes to the DLQ with the reason.
 */
@ApplicationScoped
public class ClientEventsConsumer {
    static final String CHANNEL = "client-events";
    static final String CONSUMER = "loyalty-service/client-events";

    private final Inbox inbox;
    private final LoyaltyLedger ledger;

    public ClientEventsConsumer(Inbox inbox, LoyaltyLedger ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        // a client fact this service does not need is skipped by applyAll
        return inbox.consumeBatch(CONSUMER, poll, Ordering.stateExcept(FactReader.FINANCIALS_RECORDED), event -> true,
                ledger::prefetch, events -> ledger.applyAll(CONSUMER, events));
    }
}
