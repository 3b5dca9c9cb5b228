package org.bankcrm.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Replicas share the outbox shard by shard: while another replica holds one shard (here a connection that took
 * that shard's lock, as a relay in the middle of a round does), the relay still publishes the other shards'
 * events at once, and the held shard's event the moment its lock is released — not one global lock that makes
 * every replica but one wait. Real PostgreSQL and Kafka.
 */
class OutboxRelayShardsTest {
    /** The shard count of {@link OutboxRelayTwoReplicasTest.SmallBatches}. */
    static final int SHARDS = 4;

    @Test
    void aShardHeldElsewhereWaitsWhileTheOtherShardsArePublished() throws Exception {
        RealInfrastructure infra = RealInfrastructure.get();
        OutboxRelayTwoReplicasTest.Fixture fixture = OutboxRelayTwoReplicasTest.Fixture.create(infra, "relay_shards", "crm.relayshards.");
        String database = fixture.database();
        String jdbcUrl = fixture.jdbcUrl();
        String topic = fixture.topic();
        try (Connection holder = DriverManager.getConnection(jdbcUrl, infra.user(), infra.password());
                Connection writer = DriverManager.getConnection(jdbcUrl, infra.user(), infra.password())) {
            String held = "client-held";
            int heldShard = shard(writer, held);
            String free = null;
            for (int i = 0; free == null; i++) {
                if (shard(writer, "client-" + i) != heldShard) {
                    free = "client-" + i;
                }
            }
            // another replica in the middle of a round on the held client's shard
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "select pg_advisory_xact_lock(hashtext('outbox_event_relay'), ?)")) {
                lock.setInt(1, heldShard);
                lock.executeQuery().close();
            }
            OutboxRelayTwoReplicasTest.Replica relay = new OutboxRelayTwoReplicasTest.Replica("replica-a", infra, database, topic);
            OutboxRelayTwoReplicasTest.Replica.start(relay);
            try (KafkaConsumer<String, byte[]> consumer = OutboxRelayTwoReplicasTest.consumer(infra.bootstrapServers(), topic)) {
                insert(writer, topic, held);
                insert(writer, topic, free);
                List<String> keys = new ArrayList<>();
                poll(consumer, keys, free, Duration.ofSeconds(30));
                assertThat(keys).as("the free shard's event is published while the other shard is held").contains(free);
                poll(consumer, keys, "none", Duration.ofSeconds(2)); // several sweeps (300 ms) and wake-ups pass
                assertThat(keys).as("the held shard's event waits for its lock").doesNotContain(held);

                holder.rollback(); // the other replica's round ends
                poll(consumer, keys, held, Duration.ofSeconds(30));
                assertThat(keys).as("published once its shard is free").containsExactlyInAnyOrder(free, held);
            } finally {
                relay.close();
            }
        }
    }

    private static int shard(Connection c, String key) throws Exception {
        try (PreparedStatement s = c.prepareStatement("select mod(hashtext(?)::bigint + 2147483648, ?)::int")) {
            s.setString(1, key);
            s.setInt(2, SHARDS);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void insert(Connection c, String topic, String key) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, payload)
                values (?, ?, ?, 'crm.relaytest.happened', '/bank-crm/relay-test', ?, now(), cast('{}' as jsonb))
                """)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, key);
            insert.executeUpdate();
        }
    }

    /** Polls until {@code awaited} arrived or the time is up, collecting every key read. */
    private static void poll(KafkaConsumer<String, byte[]> consumer, List<String> keys, String awaited, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!keys.contains(awaited) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                keys.add(r.key());
            }
        }
    }
}
