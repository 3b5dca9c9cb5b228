package org.bankcrm.platform.testing.pipeline.bypass;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/** A batch consumer that hands each record to the single-record path: no batch transaction, no coalescing. */
public class BatchRecordByRecord {
    private final Inbox inbox;

    public BatchRecordByRecord(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("offer-events")
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> record : poll.getPayload()) {
            all = all.chain(() -> inbox.consume("test/offer-events", record, event -> Uni.createFrom().voidItem()));
        }
        return all;
    }
}
