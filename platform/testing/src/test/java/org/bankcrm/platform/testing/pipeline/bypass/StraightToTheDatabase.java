package org.bankcrm.platform.testing.pipeline.bypass;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/** A consumer that bypasses the pipeline: no inbox, no CloudEvent or subject check, no DLQ. */
public class StraightToTheDatabase {
    @Incoming("client-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().voidItem();
    }
}
