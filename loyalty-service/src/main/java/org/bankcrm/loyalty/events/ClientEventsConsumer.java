package org.bankcrm.loyalty.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.loyalty.app.LoyaltyLedger;
import org.bankcrm.platform.inbox.Inbox;
import org.bankcrm.platform.inbox.Ordering;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/**
 * Applies client-service's events ({@code crm.client.events.v1}) once per ce_id. What cannot be read
 * throws, and the channel's dead-letter strategy moves it to the DLQ.
 */
@ApplicationScoped
public class ClientEventsConsumer {
    static final String CHANNEL = "client-events";
    static final String CONSUMER = "loyalty-service/client-events";

    private final Inbox inbox;
    private final FactReader facts;
    private final LoyaltyLedger ledger;

    public ClientEventsConsumer(Inbox inbox, FactReader facts, LoyaltyLedger ledger) {
        this.inbox = inbox;
        this.facts = facts;
        this.ledger = ledger;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, Ordering.stateExcept(FactReader.FINANCIALS_RECORDED), event -> facts.read(event)
                .map(fact -> ledger.apply(CONSUMER, event, fact))
                .orElseGet(() -> Uni.createFrom().voidItem())); // a client fact this service does not need
    }
}
