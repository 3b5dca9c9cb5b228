package org.bankcrm.platform.testing.pipeline.good;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/** A consumer as the platform wants it: the record as it came, handed to the Inbox. */
public class ThroughTheInbox {
    private final Inbox inbox;

    public ThroughTheInbox(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("client-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.consume("test/client-events", record, event -> Uni.createFrom().voidItem());
    }
}
