package org.bankcrm.loyalty.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.loyalty.app.LoyaltyLedger;
import org.bankcrm.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/** Applies interaction-service's events ({@code crm.interaction.events.v1}) once per ce_id; each rescores the client. */
@ApplicationScoped
public class InteractionEventsConsumer {
    static final String CHANNEL = "interaction-events";
    static final String CONSUMER = "loyalty-service/interaction-events";

    private final Inbox inbox;
    private final FactReader facts;
    private final LoyaltyLedger ledger;

    public InteractionEventsConsumer(Inbox inbox, FactReader facts, LoyaltyLedger ledger) {
        this.inbox = inbox;
        this.facts = facts;
        this.ledger = ledger;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume(CONSUMER, record, event -> facts.read(event)
                .map(fact -> ledger.apply(CONSUMER, event, fact))
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }
}
