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
import org.apache.kafka.clients.producer.ProducerConfig;
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

    /**
     * The producer's batch.size: below the broker's default message.max.bytes (1,048,588) and the producer's
     * max.request.size (1,048,576), so a full batch is always accepted as one.
     */
    static final int BATCH_BYTES = 1_000_000;
    /** The most a step puts on one topic, by {@link #size}: room to spare in a batch. */
    static final long STEP_BYTES = 900_000;

    private final Supplier<Producer<String, byte[]>> factory;
    private final long stepBytes;
    private Producer<String, byte[]> producer;

    KafkaEventPublisher(String bootstrapServers, OutboxConfig outbox, String clientId, Map<String, String> security) {
        Properties config = producerConfig(bootstrapServers, outbox, clientId, security);
        this.factory = () -> new KafkaProducer<>(config);
        this.stepBytes = STEP_BYTES;
    }

    /**
     * The producer's settings: ours, plus the broker's security settings (SASL, TLS) as the connectors get them. The
     * producer holds what it is given (linger.ms: what delivery.timeout.ms leaves after request.timeout.ms, which
     * Kafka requires) until {@link #publish} flushes a step, and a step's records of a partition fit one batch.
     */
    static Properties producerConfig(String bootstrapServers, OutboxConfig outbox, String clientId, Map<String, String> security) {
        Properties config = ProducerSettings.reliable(bootstrapServers, clientId, security, outbox.deliveryTimeout(),
                outbox.maxBlock());
        long delivery = outbox.deliveryTimeout().toMillis();
        long request = Math.min(10_000, delivery / 2);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) (delivery - request));
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        return config;
    }

    /** The security settings of the producer, as {@link ProducerSettings#security} reads them. */
    static Map<String, String> securitySettings(Function<String, Optional<String>> config) {
        return ProducerSettings.security(config);
    }

    /** For tests: a publisher on another producer, e.g. Kafka's MockProducer. */
    KafkaEventPublisher(Supplier<Producer<String, byte[]>> factory) {
        this(factory, STEP_BYTES);
    }

    /** For tests: a publisher on another producer, packing steps of at most {@code stepBytes}. */
    KafkaEventPublisher(Supplier<Producer<String, byte[]>> factory, long stepBytes) {
        this.factory = factory;
        this.stepBytes = stepBytes;
    }

    /**
     * Sends the round's events and waits for the broker's acknowledgements, so that no event of a client can be on the
     * broker unless every earlier event of that client is. The producer writes a partition's records in batches, and a
     * batch is written whole or not at all; but it splits a partition's records into several batches (at most
     * batch.size each, or whatever the sender took while records were still coming) and one batch can fail (expired
     * while the broker was away) while the next one is written: crm chaos's broker-kill found a client's sequences
     * 20-21 on the topic before 1-19, and every consumer then skipped 1-19 as older than the state it held.
     * <p>
     * So the round goes in {@linkplain #steps steps}: a step's records are handed to the producer, which holds them
     * (linger.ms far above the time a step takes), then flushed as one batch per partition; the next step goes once
     * the broker has answered. A client's events are in one step whenever they fit ({@link #STEP_BYTES}), so they are
     * written or refused together, in one produce request for the whole round in the usual case. A client whose
     * events do not fit, or whose events go to more than one topic, has them one per step, each step waiting for the
     * previous one's acknowledgement. A refusal at send() (see {@link #refusal}) ends the round for every client.
     */
    Result publish(List<PendingEvent> events) {
        Producer<String, byte[]> kafka = producer();
        Map<Long, String> failed = new LinkedHashMap<>();
        Set<Long> acknowledged = new HashSet<>();
        Set<String> blockedKeys = new HashSet<>();
        String refused = null;
        Map<PendingEvent, ProducerRecord<String, byte[]>> records = new LinkedHashMap<>();
        for (PendingEvent event : events) {
            records.put(event, toRecord(event));
        }
        for (List<PendingEvent> step : steps(events, event -> size(records.get(event)), stepBytes)) {
            Map<PendingEvent, Future<RecordMetadata>> sent = new LinkedHashMap<>();
            for (PendingEvent event : step) {
                if (refused != null || blockedKeys.contains(event.key())) {
                    continue; // not handed to the producer at all: reported below
                }
                try {
                    Future<RecordMetadata> future = kafka.send(records.get(event));
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
            try {
                kafka.flush(); // the step's records leave now, one batch per partition, and are answered
            } catch (RuntimeException e) {
                refused = refused != null ? refused : describe(e); // interrupted: the futures below say what got through
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

    /**
     * The round in steps, each sent and flushed before the next. Per topic, whole clients (all their events of the
     * round, in order) are packed into steps of at most {@code stepBytes}: a step's records of one partition then fit
     * one producer batch, written or refused whole. A client whose events alone exceed it, or go to several topics,
     * is not packed: its n-th event goes in the n-th of the steps that follow the packed ones, one event per client
     * per step, as the broker must have the previous one before the next is sent.
     */
    static List<List<PendingEvent>> steps(List<PendingEvent> events, java.util.function.ToLongFunction<PendingEvent> size,
            long stepBytes) {
        Map<String, List<PendingEvent>> byKey = new LinkedHashMap<>();
        for (PendingEvent event : events) {
            byKey.computeIfAbsent(event.key(), key -> new ArrayList<>()).add(event);
        }
        List<List<PendingEvent>> packed = new ArrayList<>();
        Map<String, Integer> openStep = new java.util.HashMap<>(); // per topic: the step being filled
        Map<String, Long> openBytes = new java.util.HashMap<>();
        List<List<PendingEvent>> oneByOne = new ArrayList<>();
        for (List<PendingEvent> client : byKey.values()) {
            String topic = client.get(0).topic();
            long bytes = client.stream().mapToLong(size).sum();
            if (bytes > stepBytes || client.stream().anyMatch(event -> !event.topic().equals(topic))) {
                for (int n = 0; n < client.size(); n++) {
                    if (n == oneByOne.size()) {
                        oneByOne.add(new ArrayList<>());
                    }
                    oneByOne.get(n).add(client.get(n));
                }
                continue;
            }
            Integer step = openStep.get(topic);
            if (step == null || openBytes.get(topic) + bytes > stepBytes) {
                step = openStep.getOrDefault(topic, -1) + 1; // the topic's next step
                openStep.put(topic, step);
                openBytes.put(topic, 0L);
            }
            openBytes.merge(topic, bytes, Long::sum);
            while (packed.size() <= step) {
                packed.add(new ArrayList<>());
            }
            packed.get(step).addAll(client);
        }
        List<List<PendingEvent>> steps = new ArrayList<>(packed);
        steps.addAll(oneByOne);
        return steps;
    }

    /** An upper bound of the bytes a record takes in a producer batch (varints, attributes, deltas included). */
    static long size(ProducerRecord<String, byte[]> record) {
        long bytes = 32 + record.key().getBytes(StandardCharsets.UTF_8).length + record.value().length;
        for (var header : record.headers()) {
            bytes += 10 + header.key().getBytes(StandardCharsets.UTF_8).length + header.value().length;
        }
        return bytes;
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
