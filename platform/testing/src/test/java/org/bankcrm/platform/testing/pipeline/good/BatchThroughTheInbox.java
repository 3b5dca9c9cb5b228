package org.bankcrm.platform.testing.pipeline.good;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/** A batch consumer as the platform wants it: the poll as it came, handed to the Inbox's batch path. */
public class BatchThroughTheInbox {
    private final Inbox inbox;

    public BatchThroughTheInbox(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("interaction-events")
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        return inbox.consumeBatch("test/interaction-events", poll, Inbox.eachInTurn(event -> Uni.createFrom().voidItem()));
    }
}
