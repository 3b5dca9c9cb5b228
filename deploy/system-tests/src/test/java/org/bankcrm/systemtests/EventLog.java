package org.bankcrm.systemtests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Every record of every CRM topic and dead-letter topic, read from the beginning by a plain Kafka consumer (no group:
 * it takes nothing from the services' consumers) and kept in memory for the scenarios' assertions.
 */
final class EventLog implements AutoCloseable {
    static final String CLIENT_EVENTS = "crm.client.events.v1";
    static final String INTERACTION_EVENTS = "crm.interaction.events.v1";
    static final String LOYALTY_EVENTS = "crm.loyalty.events.v1";
    static final String OFFER_EVENTS = "crm.offer.events.v1";
    static final String TOUCHPOINT_INGEST = "crm.touchpoint.ingest.v1";
    static final List<String> TOPICS = List.of(CLIENT_EVENTS, INTERACTION_EVENTS, LOYALTY_EVENTS, OFFER_EVENTS,
            TOUCHPOINT_INGEST, CLIENT_EVENTS + ".dlq", INTERACTION_EVENTS + ".dlq", LOYALTY_EVENTS + ".dlq",
            OFFER_EVENTS + ".dlq", TOUCHPOINT_INGEST + ".dlq");

    /** One record as it is on the topic: CloudEvents headers, key, value and the producer's timestamp. */
    record Event(String topic, int partition, long offset, long timestamp, String key, Map<String, String> headers,
            String value) {

        String header(String name) {
            return headers.get(name);
        }

        String id() {
            return header("ce_id");
        }

        String type() {
            return header("ce_type");
        }

        String subject() {
            return header("ce_subject");
        }

        String causation() {
            return header("ce_causationid");
        }

        String correlation() {
            return header("ce_correlationid");
        }

        /** The ce_id at the root of this event's chain: its correlation id, or its own id when it starts a chain. */
        String root() {
            return correlation() != null ? correlation() : id();
        }

        /** The JSON data, or a missing node when the value is no JSON (a malformed record in a DLQ). */
        JsonNode data() {
            try {
                return value == null ? MissingNode.getInstance() : Http.JSON.readTree(value);
            } catch (Exception e) {
                return MissingNode.getInstance();
            }
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset + " " + headers + " " + value;
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    EventLog(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "system-tests-event-log");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(this::poll, "system-tests-event-log");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), header.value() == null ? null
                                : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    events.add(new Event(record.topic(), record.partition(), record.offset(), record.timestamp(),
                            record.key(), headers, record.value()));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The records read so far that match, in the order they were read. */
    List<Event> matching(Predicate<Event> filter) {
        if (failure != null) {
            throw new IllegalStateException("the event log's consumer failed", failure);
        }
        return events.stream().filter(filter).toList();
    }

    /** The records of one topic about one client (key = clientId). */
    List<Event> of(String topic, String clientId) {
        return matching(e -> e.topic().equals(topic) && clientId.equals(e.key()));
    }

    List<Event> all() {
        return List.copyOf(events);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        poller.join(10_000);
    }
}
