package org.bankcrm.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bankcrm.platform.events.CloudEventHeaders;
import org.bankcrm.platform.kafka.ProducerSettings;
import org.bankcrm.platform.tracing.TraceContext;

/**
 * Sends outbox rows to Kafka as binary-mode CloudEvents with an idempotent, acks=all producer, and
 * reports which rows may be marked published. Blocking: the relay calls it from its own thread.
 */
class KafkaEventPublisher implements AutoCloseable {

    /** The outcome of one round: rows that are on the broker, and rows to retry with the reason. */
    record Result(List<Long> published, Map<Long, String> failed) {
    }

    private final Supplier<Producer<String, byte[]>> factory;
    private Producer<String, byte[]> producer;

    KafkaEventPublisher(String bootstrapServers, OutboxConfig outbox, String clientId, Map<String, String> security) {
        Properties config = producerConfig(bootstrapServers, outbox, clientId, security);
        this.factory = () -> new KafkaProducer<>(config);
    }

    /** The producer's settings: ours, plus the broker's security settings (SASL, TLS) as the connectors get them. */
    static Properties producerConfig(String bootstrapServers, OutboxConfig outbox, String clientId, Map<String, String> security) {
        return ProducerSettings.reliable(bootstrapServers, clientId, security, outbox.deliveryTimeout(), outbox.maxBlock());
    }

    /** The security settings of the producer, as {@link ProducerSettings#security} reads them. */
    static Map<String, String> securitySettings(Function<String, Optional<String>> config) {
        return ProducerSettings.security(config);
    }

    /** For tests: a publisher on another producer, e.g. Kafka's MockProducer. */
    KafkaEventPublisher(Supplier<Producer<String, byte[]>> factory) {
        this.factory = factory;
    }

    /**
     * Sends the round's events and waits for the broker's acknowledgements. A client's events go in waves: its first
     * pending event in the first wave, its second in the second, and so on, each wave sent once the previous one is
     * acknowledged, so an event is handed to the producer only after every earlier event of its client is on the broker.
     * Sending a client's events together let a later one reach the broker although an earlier one failed: the producer
     * splits a round into batches of at most batch.size per partition, and a batch can fail (expired while the broker
     * was away, refused) while the next one is written (crm chaos, broker-kill: a client's sequences 20-21 on the topic
     * before 1-19, every consumer then skipping 1-19 as older than the state it held). Other clients are not held back.
     * A refusal at send() (see {@link #refusal}) ends the round for every client.
     */
    Result publish(List<PendingEvent> events) {
        Producer<String, byte[]> kafka = producer();
        Map<Long, String> failed = new LinkedHashMap<>();
        Set<Long> acknowledged = new HashSet<>();
        Set<String> blockedKeys = new HashSet<>();
        String refused = null;
        for (List<PendingEvent> wave : waves(events)) {
            Map<PendingEvent, Future<RecordMetadata>> sent = new LinkedHashMap<>();
            for (PendingEvent event : wave) {
                if (refused != null || blockedKeys.contains(event.key())) {
                    continue; // not handed to the producer at all: reported below
                }
                try {
                    Future<RecordMetadata> future = kafka.send(toRecord(event));
                    String refusal = refusal(future);
                    if (refusal != null) {
                        refused = refusal;
                        failed.put(event.id(), refused);
                        blockedKeys.add(event.key());
                    } else {
                        sent.put(event, future);
                    }
                } catch (RuntimeException e) {
                    // send() refused the record itself (e.g. no metadata within max.block.ms while the broker is down).
                    // Stop the round here: a later record sent now could reach a broker that has come back, be held
                    // back behind this one and go again next round - on the topic twice, and out of its client's order.
                    refused = describe(e);
                    failed.put(event.id(), refused);
                    blockedKeys.add(event.key());
                }
            }
            for (Map.Entry<PendingEvent, Future<RecordMetadata>> entry : sent.entrySet()) {
                try {
                    entry.getValue().get();
                    acknowledged.add(entry.getKey().id());
                } catch (ExecutionException e) {
                    failed.put(entry.getKey().id(), describe(e.getCause()));
                    blockedKeys.add(entry.getKey().key());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.put(entry.getKey().id(), "interrupted");
                    blockedKeys.add(entry.getKey().key());
                    refused = "interrupted";
                }
            }
            if (refused != null) {
                break;
            }
        }
        // Per key, only the rows acknowledged before the first failure count as published; the others were not sent
        // and go again next round, after the failed one, so the client's order holds.
        List<Long> published = new ArrayList<>();
        Set<String> failedKeys = new HashSet<>();
        for (PendingEvent event : events) {
            if (!failed.containsKey(event.id()) && !failedKeys.contains(event.key()) && acknowledged.contains(event.id())) {
                published.add(event.id());
                continue;
            }
            if (!failed.containsKey(event.id())) {
                failed.put(event.id(), refused != null ? "not sent after an earlier refusal in this round: " + refused
                        : "not sent: an earlier event of the same client failed in this round");
            }
            failedKeys.add(event.key());
        }
        if (!failed.isEmpty()) {
            // A producer that lost records may hold stale sequence state; start the next round afresh.
            resetProducer();
        }
        return new Result(published, failed);
    }

    /** The events in waves: the n-th wave holds the n-th event of each key, in the round's order. */
    static List<List<PendingEvent>> waves(List<PendingEvent> events) {
        Map<String, Integer> perKey = new java.util.HashMap<>();
        List<List<PendingEvent>> waves = new ArrayList<>();
        for (PendingEvent event : events) {
            int n = perKey.merge(event.key(), 1, Integer::sum) - 1;
            if (n == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(n).add(event);
        }
        return waves;
    }

    /**
     * Why the producer refused a record at {@code send()}, or null. KafkaProducer reports most refusals (an
     * {@code ApiException} such as the metadata wait timing out after max.block.ms) not by throwing but by returning a
     * future that has already failed; such a record never went into the producer's buffer.
     */
    private static String refusal(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Opens the producer's connections and loads the topics' metadata; failures only cost the warm-up. */
    void warmUp(java.util.Collection<String> topics) {
        try {
            Producer<String, byte[]> kafka = producer();
            for (String topic : topics) {
                kafka.partitionsFor(topic);
            }
        } catch (RuntimeException e) {
            // the broker may not be up yet: the first real round will connect
        }
    }

    private ProducerRecord<String, byte[]> toRecord(PendingEvent event) {
        var record = new ProducerRecord<String, byte[]>(event.topic(), event.key(), event.payload().getBytes(StandardCharsets.UTF_8));
        var headers = record.headers();
        headers.add(header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(header(CloudEventHeaders.ID, event.eventId()));
        headers.add(header(CloudEventHeaders.TYPE, event.type()));
        headers.add(header(CloudEventHeaders.SOURCE, event.source()));
        if (event.subject() != null) {
            headers.add(header(CloudEventHeaders.SUBJECT, event.subject()));
        }
        headers.add(header(CloudEventHeaders.TIME, event.occurredAt().toString()));
        headers.add(header(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        event.extensions().forEach((name, value) -> headers.add(header(CloudEventHeaders.PREFIX + name, value)));
        String traceparent = event.extensions().get(TraceContext.TRACEPARENT);
        if (traceparent != null) {
            // the W3C header too, the one Kafka instrumentations read; ce_traceparent is the CloudEvents extension
            headers.add(header(TraceContext.TRACEPARENT_HEADER, traceparent));
        }
        return record;
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = factory.get();
        }
        return producer;
    }

    private synchronized void resetProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
