package org.bankcrm.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The services' event topics read from the start after the run, to show what the relays published: every event
 * ({@code ce_source}, {@code ce_id}) once, and each client's events of a producer in the order of their sequence
 * ({@code ce_sequence}: 1, 2, 3 ... per producer and client, given in the same statement as the outbox row), without a
 * step back or a gap. With {@code --replicas 2} this is the check that replicas sharing the publishing publish nothing
 * twice and nothing out of order.
 */
final class TopicAudit {
    static final List<String> TOPICS = List.of("crm.client.events.v1", "crm.interaction.events.v1",
            "crm.loyalty.events.v1", "crm.offer.events.v1");

    private TopicAudit() {
    }

    /** What one topic holds, counted in offset order per partition. */
    static final class Tally {
        private final Set<String> seen = new HashSet<>();
        private final Map<String, Long> lastSequence = new HashMap<>();
        long records;
        long publishedTwice;
        long outOfOrder;
        long missing;

        /** One record; {@code sequence} null when the event carries none (then only its id is checked). */
        void accept(String source, String id, String key, Long sequence) {
            records++;
            if (!seen.add(source + '\n' + id)) {
                publishedTwice++;
                return;
            }
            if (sequence == null) {
                return;
            }
            String client = source + '\n' + key;
            long last = lastSequence.getOrDefault(client, 0L);
            if (sequence <= last) {
                outOfOrder++;
                return;
            }
            missing += sequence - last - 1;
            lastSequence.put(client, sequence);
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("records", records);
            map.put("publishedTwice", publishedTwice);
            map.put("outOfOrder", outOfOrder);
            map.put("missingSequences", missing);
            return map;
        }
    }

    /** Reads every topic of {@link #TOPICS} to its end: per topic, records, published twice, out of order, missing. */
    static Map<String, Object> read(String bootstrapServers, Duration timeout) {
        Map<String, Object> byTopic = new LinkedHashMap<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            for (String topic : TOPICS) {
                List<TopicPartition> partitions = new ArrayList<>();
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                Tally tally = new Tally();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        String sequence = header(record, "ce_sequence");
                        tally.accept(header(record, "ce_source"), header(record, "ce_id"), record.key(),
                                sequence == null ? null : Long.valueOf(sequence.trim()));
                    }
                }
                Map<String, Object> counts = tally.toMap();
                long unread = partitions.stream().mapToLong(p -> Math.max(0, ends.get(p) - consumer.position(p))).sum();
                if (unread > 0) {
                    counts.put("notReadWithinTimeout", unread);
                }
                byTopic.put(topic, counts);
            }
        }
        return byTopic;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
