package org.bankcrm.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Two replicas of one service on Kubernetes run two outbox relays against one database. This runs two real
 * {@link OutboxRelay}s (each with its own Vert.x, connection pool, LISTEN connection and Kafka producer, as two pods
 * have) against one real PostgreSQL database and a real Kafka broker, while eight writers commit events of 40
 * clients in many small transactions (every commit NOTIFYs both relays at once). Every outbox row must reach the
 * topic exactly once, and each client's events in the order they were committed.
 */
class OutboxRelayTwoReplicasTest {
    static final int CLIENTS = 40;
    static final int EVENTS_PER_CLIENT = 30;
    static final int WRITERS = 8;

    @Test
    void twoRelaysOnOneDatabasePublishEveryEventOnceAndInOrderPerClient() throws Exception {
        RealInfrastructure infra = RealInfrastructure.get();
        Fixture fixture = Fixture.create(infra, "relay_replicas", "crm.relaytest.");
        String database = fixture.database();
        String jdbcUrl = fixture.jdbcUrl();
        String topic = fixture.topic();

        Replica first = new Replica("replica-a", infra, database, topic);
        Replica second = new Replica("replica-b", infra, database, topic);
        Replica.start(first, second);
        try {
            // the writers: each owns 5 clients and commits their events one transaction each, in order per client
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    write(jdbcUrl, infra, topic, writer);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();

            int total = CLIENTS * EVENTS_PER_CLIENT;
            List<ConsumerRecord<String, byte[]>> records = readAll(infra.bootstrapServers(), topic, total);

            Set<String> ids = new HashSet<>();
            Map<String, List<Integer>> sequences = new HashMap<>();
            ObjectMapper json = new ObjectMapper();
            for (ConsumerRecord<String, byte[]> record : records) {
                String ceId = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                assertThat(ids.add(ceId)).as("ce_id " + ceId + " published twice").isTrue();
                JsonNode data = json.readTree(record.value());
                sequences.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(data.get("seq").asInt());
            }
            assertThat(records).as("every outbox row on the topic exactly once").hasSize(total);
            assertThat(sequences).hasSize(CLIENTS);
            List<Integer> expected = java.util.stream.IntStream.range(0, EVENTS_PER_CLIENT).boxed().toList();
            sequences.forEach((client, seq) -> assertThat(seq).as("order of " + client + "'s events").isEqualTo(expected));

            try (Connection c = DriverManager.getConnection(jdbcUrl, infra.user(), infra.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) filter (where published_at is null), max(attempts) from outbox_event")) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows left pending").isZero();
                assertThat(rs.getInt(2)).as("no row was sent twice").isEqualTo(1);
            }
            double byFirst = first.metrics.counter("crm.outbox.published").count();
            double bySecond = second.metrics.counter("crm.outbox.published").count();
            System.out.printf("two relays: replica-a published %.0f, replica-b %.0f of %d events%n", byFirst, bySecond, total);
            assertThat(byFirst + bySecond).as("sent by the two relays together").isEqualTo(total);
        } finally {
            first.close();
            second.close();
        }
    }

    /**
     * A backlog is shared: 2,000 events wait when two relays start; a round of a backlog takes at most half the
     * shards it sees, so the second relay publishes too instead of waiting while the first one's rounds run back
     * to back. Every event once, each client's in order.
     */
    @Test
    void twoRelaysShareABacklog() throws Exception {
        RealInfrastructure infra = RealInfrastructure.get();
        Fixture fixture = Fixture.create(infra, "relay_backlog", "crm.relaybacklog.");
        String database = fixture.database();
        String jdbcUrl = fixture.jdbcUrl();
        String topic = fixture.topic();
        int total = 2_000;
        try (Connection c = DriverManager.getConnection(jdbcUrl, infra.user(), infra.password());
                PreparedStatement insert = c.prepareStatement("""
                        insert into outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, payload)
                        select gen_random_uuid(), ?, 'client-' || (i % ?), 'crm.relaytest.happened', '/bank-crm/relay-test',
                               'client-' || (i % ?), now(), jsonb_build_object('seq', i / ?)
                        from generate_series(0, ? - 1) i order by i
                        """)) {
            insert.setString(1, topic);
            insert.setInt(2, CLIENTS);
            insert.setInt(3, CLIENTS);
            insert.setInt(4, CLIENTS);
            insert.setInt(5, total);
            insert.executeUpdate();
        }
        Replica first = new Replica("replica-a", infra, database, topic);
        Replica second = new Replica("replica-b", infra, database, topic);
        Replica.start(first, second);
        try {
            List<ConsumerRecord<String, byte[]>> records = readAll(infra.bootstrapServers(), topic, total);
            assertThat(records).as("every outbox row on the topic exactly once").hasSize(total);
            Map<String, List<Integer>> sequences = new HashMap<>();
            ObjectMapper json = new ObjectMapper();
            for (ConsumerRecord<String, byte[]> record : records) {
                sequences.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(json.readTree(record.value()).get("seq").asInt());
            }
            List<Integer> expected = java.util.stream.IntStream.range(0, total / CLIENTS).boxed().toList();
            sequences.forEach((client, seq) -> assertThat(seq).as("order of " + client + "'s events").isEqualTo(expected));
            double byFirst = first.metrics.counter("crm.outbox.published").count();
            double bySecond = second.metrics.counter("crm.outbox.published").count();
            System.out.printf("a backlog of %d: replica-a published %.0f, replica-b %.0f%n", total, byFirst, bySecond);
            assertThat(byFirst + bySecond).isEqualTo(total);
            assertThat(Math.min(byFirst, bySecond)).as("the smaller share of the backlog").isGreaterThanOrEqualTo(total / 10.0);
        } finally {
            first.close();
            second.close();
        }
    }

    /** A database with the platform's tables and a topic of 3 partitions, both new for one test. */
    record Fixture(String database, String jdbcUrl, String topic) {
        static Fixture create(RealInfrastructure infra, String databaseName, String topicPrefix) throws Exception {
            String database = infra.createDatabase(databaseName);
            String jdbcUrl = infra.jdbcUrl(database);
            Flyway.configure().dataSource(jdbcUrl, infra.user(), infra.password())
                    .locations("classpath:db/platform").load().migrate();
            String topic = topicPrefix + UUID.randomUUID().toString().substring(0, 8) + ".v1";
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
            return new Fixture(database, jdbcUrl, topic);
        }
    }

    /** One pod's relay: its own Vert.x, pool, configuration and meters. */
    static final class Replica {
        final Vertx vertx = Vertx.vertx();
        final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        final io.vertx.sqlclient.Pool pool;
        final OutboxRelay relay;

        Replica(String name, RealInfrastructure infra, String database, String topic) {
            String reactiveUrl = infra.reactiveUrl(database);
            PgConnectOptions connect = PgConnectOptions.fromUri(reactiveUrl).setUser(infra.user()).setPassword(infra.password());
            pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
            Map<String, String> values = Map.of(
                    "quarkus.application.name", name,
                    "kafka.bootstrap.servers", infra.bootstrapServers(),
                    "quarkus.datasource.reactive.url", reactiveUrl,
                    "quarkus.datasource.username", infra.user(),
                    "quarkus.datasource.password", infra.password());
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(values, "replica", 500)).build();
            relay = new OutboxRelay(io.vertx.mutiny.sqlclient.Pool.newInstance(pool), vertx, new SmallBatches(topic),
                    config, new ObjectMapper(), metrics);
        }

        /** Both replicas are built before either starts, so neither has a head start of a JVM's warm-up. */
        static void start(Replica... replicas) {
            for (Replica replica : replicas) {
                replica.relay.start(new StartupEvent());
            }
        }

        void close() {
            relay.stop(new ShutdownEvent());
            pool.close();
            vertx.close();
        }
    }

    /** Small rounds, so that the two relays take many turns at the lock; quick sweeps and back-off. */
    record SmallBatches(String topic) implements OutboxConfig {
        public boolean relayEnabled() {
            return true;
        }

        public Optional<List<String>> topics() {
            return Optional.of(List.of(topic));
        }

        public int batchSize() {
            return 20;
        }

        /** Few shards, so the two relays often want the same one. */
        public int relayShards() {
            return 4;
        }

        public Duration sweepInterval() {
            return Duration.ofMillis(300);
        }

        public Duration initialBackoff() {
            return Duration.ofMillis(100);
        }

        public Duration maxBackoff() {
            return Duration.ofSeconds(2);
        }

        public Duration retention() {
            return Duration.ofDays(7);
        }

        public Duration deliveryTimeout() {
            return Duration.ofSeconds(30);
        }

        public Duration maxBlock() {
            return Duration.ofSeconds(10);
        }
    }

    private static void write(String jdbcUrl, RealInfrastructure infra, String topic, int writer) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, infra.user(), infra.password());
                PreparedStatement insert = c.prepareStatement("""
                        insert into outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, payload)
                        values (?, ?, ?, 'crm.relaytest.happened', '/bank-crm/relay-test', ?, now(), cast(? as jsonb))
                        """)) {
            int clientsPerWriter = CLIENTS / WRITERS;
            for (int seq = 0; seq < EVENTS_PER_CLIENT; seq++) {
                for (int k = 0; k < clientsPerWriter; k++) {
                    String client = "client-" + (writer * clientsPerWriter + k);
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, topic);
                    insert.setString(3, client);
                    insert.setString(4, client);
                    insert.setString(5, "{\"seq\":" + seq + "}");
                    insert.executeUpdate(); // autocommit: one transaction, one NOTIFY per event
                }
            }
        }
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * Reads from the beginning until {@code expected} records arrived (at most two minutes), then three seconds
     * longer: a duplicate sent late by the other relay (both sweep every 300 ms) would show up then.
     */
    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, topic)) {
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < quiet) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }
}
