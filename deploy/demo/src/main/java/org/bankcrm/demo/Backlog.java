package org.bankcrm.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the services still have to consume: the lag of every consumer group on the broker (the services' groups; the
 * bench's and the demo's own consumers take no group). Between two measurements the bench waits until it is zero, so
 * that a rate the chain could not keep up with does not leave its backlog to the next measurement; the demo loader
 * waits for it before the channels ask for next best actions on the history it sent.
 */
public final class Backlog implements AutoCloseable {
    private final Admin admin;

    public Backlog(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Records on the broker not yet committed by their consumer group, over every group and partition. */
    @SuppressWarnings("deprecation") // listConsumerGroups: still the way to list classic consumer groups
    public long lag() throws Exception {
        long total = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                    total += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
        }
        return total;
    }

    /**
     * Waits until no group lags, twice in a row a second apart (offsets are committed periodically), at most
     * {@code max}: the seconds it took, and the lag left when it did not settle.
     */
    public Settled settle(Duration max) throws InterruptedException {
        long began = System.nanoTime();
        long deadline = began + max.toNanos();
        int quiet = 0;
        long lag = -1;
        while (System.nanoTime() < deadline) {
            try {
                lag = lag();
            } catch (Exception e) {
                lag = -1;
            }
            quiet = lag == 0 ? quiet + 1 : 0;
            if (quiet >= 2) {
                break;
            }
            Thread.sleep(1_000);
        }
        return new Settled(Math.round((System.nanoTime() - began) / 1e8) / 10.0, quiet >= 2 ? 0 : lag);
    }

    public record Settled(double seconds, long lagLeft) {
        public boolean settled() {
            return lagLeft == 0;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            map.put("seconds", seconds);
            map.put("settled", settled());
            map.put("lagLeft", lagLeft);
            return map;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
