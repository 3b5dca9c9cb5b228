package org.bankcrm.platform.testing.pipeline.bypass;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * A batch consumer that takes the poll's records without the connector's Message: the connector acknowledges them when
 * the method returns, while the Inbox may still hold them for its next batch.
 */
public class PollWithoutItsAcknowledgement {
    private final Inbox inbox;

    public PollWithoutItsAcknowledgement(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("loyalty-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch("test/loyalty-events", Message.of(records), Inbox.eachInTurn(event -> Uni.createFrom().voidItem()));
    }
}
