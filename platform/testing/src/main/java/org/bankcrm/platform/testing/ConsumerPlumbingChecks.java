package org.bankcrm.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The guarantees every event consumer gives, checked against the real broker and database: an event is
 * applied, a redelivered event (same ce_id) is applied once, and a record that cannot be read goes to
 * {@code <topic>.dlq} with its reason while the consumer carries on. A service's test extends this for
 * one of its subscriptions and says how to build a valid payload and how to see what was applied.
 */
public abstract class ConsumerPlumbingChecks {
    // generous: the first malformed record also creates the dead-letter producer, slow on a busy 2-core machine
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The topic the consumer reads. */
    protected abstract String topic();

    /** The consumer's name, as its dead-letter reasons start with it. */
    protected abstract String consumer();

    /** A type the consumer applies. */
    protected abstract String eventType();

    /** A valid payload of {@link #eventType()} for the client; {@code variant} changes some content. */
    protected abstract String validPayload(String clientId, int variant);

    /** How many events of this client the consumer applied, as its API shows it (0 when unknown). */
    protected abstract int appliedEvents(String clientId);

    private static KafkaProducer<String, String> producer;

    /** Sends a record to the real broker and waits for its acknowledgement. */
    protected static synchronized void send(ProducerRecord<String, String> record) {
        if (producer == null) {
            var props = new java.util.Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.get().bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce test record", e);
        }
    }

    @Test
    void anEventIsAppliedToTheReadModel() {
        String clientId = UUID.randomUUID().toString();
        send(CloudEventRecords.event(topic(), eventType(), clientId, validPayload(clientId, 0)));
        await().atMost(WAIT).until(() -> appliedEvents(clientId) == 1);
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() {
        String clientId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        send(CloudEventRecords.event(topic(), eventId, eventType(), clientId, validPayload(clientId, 0)));
        send(CloudEventRecords.event(topic(), eventId, eventType(), clientId, validPayload(clientId, 1)));
        // a different event of the same client after the duplicate: same partition, so applied after it
        send(CloudEventRecords.event(topic(), eventType(), clientId, validPayload(clientId, 2)));
        await().atMost(WAIT).until(() -> appliedEvents(clientId) >= 2);
        assertThat(appliedEvents(clientId)).as("events applied, the redelivery skipped").isEqualTo(2);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextOneIsApplied() {
        String clientId = UUID.randomUUID().toString();
        var missingId = CloudEventRecords.event(topic(), eventType(), clientId, validPayload(clientId, 0));
        missingId.headers().remove("ce_id");
        var notJson = CloudEventRecords.event(topic(), eventType(), clientId, "{\"clientId\": ");
        var invalidData = CloudEventRecords.event(topic(), eventType(), clientId, "{\"unexpected\": true}");
        send(missingId);
        send(notJson);
        send(invalidData);
        send(CloudEventRecords.event(topic(), eventType(), clientId, validPayload(clientId, 0)));

        await().atMost(WAIT).until(() -> appliedEvents(clientId) == 1);
        String dlq = topic() + ".dlq";
        await().atMost(WAIT).until(() -> TopicContents.forKey(dlq, clientId).size() >= 3);
        List<ConsumerRecord<String, String>> dead = TopicContents.forKey(dlq, clientId);
        assertThat(dead).hasSize(3);
        List<String> reasons = dead.stream().map(r -> CloudEventRecords.header(r.headers(), "dead-letter-reason")).toList();
        assertThat(reasons).allSatisfy(reason -> assertThat(reason).startsWith(consumer() + ": "));
        assertThat(reasons.get(0)).contains("ce_id");
        assertThat(reasons.get(1)).contains("not valid JSON");
        assertThat(reasons.get(2)).contains("invalid");
        for (ConsumerRecord<String, String> record : dead) {
            assertThat(CloudEventRecords.header(record.headers(), "dead-letter-topic")).isEqualTo(topic());
            assertThat(CloudEventRecords.header(record.headers(), "dead-letter-partition")).isNotBlank();
            assertThat(CloudEventRecords.header(record.headers(), "dead-letter-offset")).isNotBlank();
        }
    }
}
