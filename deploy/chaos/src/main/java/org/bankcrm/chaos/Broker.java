package org.bankcrm.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the broker says: each consumer group's lag and members, and what the dead-letter topics hold. */
final class Broker implements AutoCloseable {
    /** The consumer groups: one per service (its replicas share it), as in the services' application.properties. */
    static final List<String> GROUPS = List.of("client-service", "interaction-service", "loyalty-service", "offer-service");

    private final Admin admin;
    private final String bootstrapServers;

    Broker(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        this.admin = Admin.create(config);
    }

    /**
     * Group → records not yet committed by it, over every partition it has committed an offset for or its members are
     * assigned; a partition assigned but never committed counts from its first record (a fresh group that has not
     * committed yet is not "caught up").
     */
    Map<String, Long> lag() throws InterruptedException {
        Map<String, Long> lag = new HashMap<>();
        Map<String, ConsumerGroupDescription> described = describe();
        for (String group : GROUPS) {
            Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata());
            Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
            ConsumerGroupDescription description = described.get(group);
            if (description != null) {
                description.members().forEach(m -> partitions.addAll(m.assignment().topicPartitions()));
            }
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            Set<TopicPartition> neverCommitted = partitions.stream().filter(p -> committed.get(p) == null)
                    .collect(Collectors.toSet());
            Map<TopicPartition, Long> starts = neverCommitted.isEmpty() ? Map.of() : offsets(neverCommitted, OffsetSpec.earliest());
            long total = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long from = offset != null ? offset.offset() : starts.getOrDefault(partition, 0L);
                total += Math.max(0, ends.getOrDefault(partition, 0L) - from);
            }
            lag.put(group, total);
        }
        return lag;
    }

    /** Group → its members' client ids and the partitions each holds, e.g. for a check that two replicas share one. */
    Map<String, ConsumerGroupDescription> describe() throws InterruptedException {
        return get(admin.describeConsumerGroups(GROUPS).all());
    }

    /** Topic → records in it, for every dead-letter topic ({@code *.dlq}). */
    Map<String, Long> deadLetters() throws InterruptedException {
        Set<String> topics = get(admin.listTopics().names()).stream().filter(t -> t.endsWith(".dlq")).collect(Collectors.toSet());
        Map<String, Long> counts = new HashMap<>();
        for (var topic : get(admin.describeTopics(topics).allTopicNames()).values()) {
            Set<TopicPartition> partitions = topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition()))
                    .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
            long total = 0;
            for (TopicPartition partition : partitions) {
                total += ends.getOrDefault(partition, 0L) - starts.getOrDefault(partition, 0L);
            }
            counts.put(topic.name(), total);
        }
        return counts;
    }

    /** Every record on every dead-letter topic, with the origin and the reason its headers give. */
    List<Poison.DeadLetter> deadLetterRecords() throws InterruptedException {
        Set<String> topics = get(admin.listTopics().names()).stream().filter(t -> t.endsWith(".dlq")).collect(Collectors.toSet());
        List<TopicPartition> partitions = new ArrayList<>();
        for (var topic : get(admin.describeTopics(topics).allTopicNames()).values()) {
            topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
        }
        Map<TopicPartition, Long> ends = endOffsets(Set.copyOf(partitions));
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "crm-chaos-dead-letters");
        List<Poison.DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.getOrDefault(p, 0L))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    String offset = text(record, "dead-letter-offset");
                    String partition = text(record, "dead-letter-partition");
                    letters.add(new Poison.DeadLetter(record.topic(), text(record, "dead-letter-topic"),
                            partition == null ? -1 : Integer.parseInt(partition), offset == null ? -1 : Long.parseLong(offset),
                            text(record, "dead-letter-reason")));
                }
            }
        }
        return letters;
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
        Header value = record.headers().lastHeader(header);
        return value == null || value.value() == null ? null : new String(value.value(), StandardCharsets.UTF_8);
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) throws InterruptedException {
        return offsets(partitions, OffsetSpec.latest());
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws InterruptedException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = get(admin.listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not answer: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within 20 s", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
