package org.bankcrm.chaos;

import java.util.HashMap;
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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the broker says: each consumer group's lag and members, and how many records the dead-letter topics hold. */
final class Broker implements AutoCloseable {
    /** The consumer groups: one per service (its replicas share it), as in the services' application.properties. */
    static final List<String> GROUPS = List.of("client-service", "interaction-service", "loyalty-service", "offer-service");

    private final Admin admin;

    Broker(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        this.admin = Admin.create(config);
    }

    /** Group → records not yet committed by it, over every partition it has committed an offset for. */
    Map<String, Long> lag() throws InterruptedException {
        Map<String, Long> lag = new HashMap<>();
        for (String group : GROUPS) {
            Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata());
            Map<TopicPartition, Long> ends = endOffsets(committed.keySet());
            long total = 0;
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    total += Math.max(0, ends.getOrDefault(entry.getKey(), 0L) - entry.getValue().offset());
                }
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
