package org.bankcrm.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaEventPublisherTest {

    static PendingEvent event(long id, String client) {
        return new PendingEvent(id, "e-" + id, "crm.client.events.v1", client, "crm.client.registered",
                "/bank-crm/client-service", client, Instant.parse("2026-11-27T10:00:00Z"), "{\"n\":" + id + "}",
                Map.of("causationid", "root-1"));
    }

    @Test
    void everyEventGoesOutAsABinaryCloudEventKeyedByClient() {
        var mock = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        var publisher = new KafkaEventPublisher(() -> mock);

        var result = publisher.publish(List.of(event(1, "c-1"), event(2, "c-2")));

        assertThat(result.published()).containsExactly(1L, 2L);
        assertThat(result.failed()).isEmpty();
        ProducerRecord<String, byte[]> first = mock.history().get(0);
        assertThat(first.key()).isEqualTo("c-1");
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "ce_id")).isEqualTo("e-1");
        assertThat(header(first, "ce_type")).isEqualTo("crm.client.registered");
        assertThat(header(first, "ce_source")).isEqualTo("/bank-crm/client-service");
        assertThat(header(first, "ce_subject")).isEqualTo("c-1");
        assertThat(header(first, "ce_time")).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        assertThat(header(first, "ce_causationid")).isEqualTo("root-1");
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }

    @Test
    void theTraceparentTheRowKeptGoesOutAsTheW3cHeaderAndTheCloudEventsExtension() {
        var mock = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        var publisher = new KafkaEventPublisher(() -> mock);
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        PendingEvent traced = new PendingEvent(1, "e-1", "crm.client.events.v1", "c-1", "crm.client.registered",
                "/bank-crm/client-service", "c-1", Instant.parse("2026-11-27T10:00:00Z"), "{}", Map.of("traceparent", traceparent));

        publisher.publish(List.of(traced, event(2, "c-2")));

        assertThat(header(mock.history().get(0), "traceparent")).isEqualTo(traceparent);
        assertThat(header(mock.history().get(0), "ce_traceparent")).isEqualTo(traceparent);
        assertThat(mock.history().get(1).headers().lastHeader("traceparent")).as("no trace, no header").isNull();
    }

    @Test
    void aClientsEventsGoTogetherAndAFailedBatchKeepsAllOfThemBackButNoOtherClients() {
        // the "broker" fails c-1's batch when the step is flushed and writes c-2's
        var mock = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                assertThat(history()).as("the whole step handed over before the flush").hasSize(4);
                errorNext(new TimeoutException("Expiring 2 record(s)")); // c-1's first
                errorNext(new TimeoutException("Expiring 2 record(s)")); // c-1's second, the same batch
                completeNext();
                completeNext();
            }
        };
        var publisher = new KafkaEventPublisher(() -> mock);

        var result = publisher.publish(List.of(event(1, "c-1"), event(2, "c-2"), event(3, "c-1"), event(4, "c-2")));

        assertThat(mock.history()).extracting(ProducerRecord::key).as("handed over client by client")
                .containsExactly("c-1", "c-1", "c-2", "c-2");
        assertThat(result.published()).containsExactly(2L, 4L);
        assertThat(result.failed()).containsOnlyKeys(1L, 3L);
        assertThat(result.failed().get(3L)).contains("Expiring");
    }

    @Test
    void aClientWhoseEventsDoNotFitOneStepHasThemSentOneAtATimeAndAFailureKeepsTheRestBack() {
        // steps of 1 byte: no client fits, so every client's events go one per step
        var mock = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public void flush() {
                // the futures wait for the "broker" thread below
            }
        };
        var publisher = new KafkaEventPublisher(() -> mock, 1);
        var events = List.of(event(1, "c-1"), event(2, "c-2"), event(3, "c-1"), event(4, "c-2"));

        Thread broker = new Thread(() -> {
            while (mock.history().size() < 2) {
                Thread.onSpinWait();
            }
            // the first step: each client's first event, nothing of their second yet
            mock.errorNext(new TimeoutException("broker unreachable")); // event 1 (c-1)
            mock.completeNext(); // event 2 (c-2)
            while (mock.history().size() < 3) {
                Thread.onSpinWait();
            }
            mock.completeNext(); // event 4 (c-2); event 3 (c-1) never goes: its client's event 1 failed
        });
        broker.start();
        var result = publisher.publish(events);

        assertThat(mock.history()).extracting(ProducerRecord::value).extracting(v -> new String(v, StandardCharsets.UTF_8))
                .as("records handed to the producer").containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":4}");
        assertThat(result.published()).containsExactly(2L, 4L);
        assertThat(result.failed()).containsOnlyKeys(1L, 3L);
        assertThat(result.failed().get(1L)).contains("broker unreachable");
        assertThat(result.failed().get(3L)).contains("an earlier event of the same client failed");
    }

    @Test
    void wholeClientsArePackedIntoStepsAndAClientTooLargeOrOnTwoTopicsGoesOneEventPerStepAfterThem() {
        var round = List.of(event(1, "c-1"), event(2, "c-1"), event(3, "c-2"), event(4, "c-1"), event(5, "c-3"));
        assertThat(ids(KafkaEventPublisher.steps(round, e -> 100, 1_000))).as("all fit: one step, client by client")
                .containsExactly(List.of(1L, 2L, 4L, 3L, 5L));
        assertThat(ids(KafkaEventPublisher.steps(round, e -> 100, 250))).as("c-1 (300 bytes) alone exceeds a step")
                .containsExactly(List.of(3L, 5L), List.of(1L), List.of(2L), List.of(4L));
        assertThat(ids(KafkaEventPublisher.steps(round, e -> 100, 300))).as("c-1 fills a step; c-2 and c-3 the next")
                .containsExactly(List.of(1L, 2L, 4L), List.of(3L, 5L));

        PendingEvent elsewhere = new PendingEvent(6, "e-6", "crm.other.events.v1", "c-2", "crm.client.registered",
                "/bank-crm/client-service", "c-2", Instant.parse("2026-11-27T10:00:00Z"), "{}", Map.of());
        PendingEvent otherTopic = new PendingEvent(7, "e-7", "crm.other.events.v1", "c-4", "crm.client.registered",
                "/bank-crm/client-service", "c-4", Instant.parse("2026-11-27T10:00:00Z"), "{}", Map.of());
        assertThat(ids(KafkaEventPublisher.steps(List.of(event(3, "c-2"), elsewhere, event(5, "c-3"), otherTopic), e -> 100, 100)))
                .as("a step per topic fills separately; c-2 on two topics goes one event per step")
                .containsExactly(List.of(5L, 7L), List.of(3L), List.of(6L));
    }

    @Test
    void aRecordsSizeBoundsWhatItTakesInABatch() {
        var record = new ProducerRecord<String, byte[]>("t", "c-1", new byte[100]);
        record.headers().add("ce_id", new byte[10]);
        assertThat(KafkaEventPublisher.size(record)).isEqualTo(32 + 3 + 100 + 10 + 5 + 10);
    }

    private static List<List<Long>> ids(List<List<PendingEvent>> steps) {
        return steps.stream().map(step -> step.stream().map(PendingEvent::id).toList()).toList();
    }

    @Test
    void aRecordTheProducerRefusesEndsTheRoundSoThatNoLaterRecordCanGoTwice() {
        // send() itself throws for the first record (no metadata while the broker was down); had the second been
        // sent, it could have reached the broker that came back, been held back behind the first and gone again
        var mock = new MockProducer<String, byte[]>(true, null, new StringSerializer(), new ByteArraySerializer()) {
            private boolean refused;

            @Override
            public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                    ProducerRecord<String, byte[]> record, org.apache.kafka.clients.producer.Callback callback) {
                if (!refused) {
                    refused = true;
                    throw new TimeoutException("Topic crm.client.events.v1 not present in metadata after 5000 ms.");
                }
                return super.send(record, callback);
            }
        };
        var publisher = new KafkaEventPublisher(() -> mock);

        var result = publisher.publish(List.of(event(1, "c-1"), event(2, "c-1"), event(3, "c-2")));

        assertThat(mock.history()).as("records handed to the producer").isEmpty();
        assertThat(result.published()).isEmpty();
        assertThat(result.failed()).containsOnlyKeys(1L, 2L, 3L);
        assertThat(result.failed().get(1L)).contains("not present in metadata");
        assertThat(result.failed().get(2L)).contains("not sent after an earlier refusal");

    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
