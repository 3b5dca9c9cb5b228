package org.bankcrm.interaction.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.interaction.app.TouchpointLog;
import org.bankcrm.interaction.app.TouchpointSubmission;
import org.bankcrm.platform.events.EventPayloads;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.inbox.Inbox;
import org.bankcrm.platform.inbox.Ordering;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * Touchpoints that other bank systems write to {@value #TOPIC} (contract: crm.touchpoint.submitted), with the
 * same fields and checks as {@code POST /api/v1/interactions}. Applied once per ce_id and idempotent on the
 * touchpoint's id; what cannot be read, breaks a rule or conflicts goes to the DLQ with the reason; a
 * touchpoint of a client not known yet is parked until the client arrives.
 */
@ApplicationScoped
public class TouchpointIngestConsumer {
    public static final String TOPIC = "crm.touchpoint.ingest.v1";
    public static final String DEAD_LETTER_TOPIC = TOPIC + ".dlq";
    static final String CHANNEL = "touchpoint-ingest";
    public static final String CONSUMER = "interaction-service/touchpoint-ingest";
    public static final String SUBMITTED = "crm.touchpoint.submitted";

    private final EventPayloads payloads;
    private final Inbox inbox;
    private final TouchpointLog log;

    public TouchpointIngestConsumer(EventPayloads payloads, Inbox inbox, TouchpointLog log) {
        this.payloads = payloads;
        this.inbox = inbox;
        this.log = log;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        return inbox.consumeBatch(CONSUMER, poll, Ordering.FACTS, event -> true, log::prefetchBatch, Inbox.eachInTurn(this::apply));
    }

    private Uni<?> apply(IncomingEvent event) {
        if (!SUBMITTED.equals(event.type())) {
            throw new MalformedEventException("ce_type '" + event.type() + "' is not accepted on " + TOPIC
                    + "; expected " + SUBMITTED);
        }
        TouchpointSubmission submission = payloads.read(event, TouchpointSubmission.class, TouchpointSubmission::clientId);
        return log.ingest(submission.toContent(), event);
    }
}
