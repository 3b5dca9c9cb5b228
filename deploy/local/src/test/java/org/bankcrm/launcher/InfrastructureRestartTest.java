package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's real PostgreSQL and Kafka broker (no services), started twice on the same data directory. */
class InfrastructureRestartTest {

    @TempDir
    Path root;

    @Test
    void databasesAndTopicsAreCreatedOnceAndKeptAcrossARestart() throws Exception {
        Settings settings = new Settings(new Layout(root), Ports.freePort(), Ports.freePort(), Ports.freePort(), 3,
                Duration.ofSeconds(60), List.of(), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), List.of());

        String first = startCheckAndStop(settings);
        assertTrue(first.contains("created client, interaction, loyalty, offer"), first);
        assertTrue(first.contains("created 10 with 3 partitions"), first);
        assertTrue(first.contains("new log directory"), first);

        String second = startCheckAndStop(settings);
        assertFalse(second.contains("created"), "the second start reuses the data:\n" + second);
        assertFalse(second.contains("new log directory"), second);
    }

    private String startCheckAndStop(Settings settings) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        StateFile stateFile = new StateFile(settings.layout().stateFile());
        Stack stack = new Stack(settings, brokerClasspath(), stateFile, new PrintStream(output, true, StandardCharsets.UTF_8));
        List<ProcessHandle> started = new ArrayList<>();
        try {
            stack.start();
            StateFile.State state = stateFile.read().orElseThrow();
            assertEquals(StateFile.Phase.READY, state.phase());
            state.liveProcess("postgres").ifPresent(started::add);
            state.liveProcess("kafka").ifPresent(started::add);
            assertEquals(2, started.size(), "postgres and kafka run");

            assertTrue(databases(settings).containsAll(Settings.DATABASES));
            Map<String, TopicDescription> topics = topics(settings);
            assertEquals(10, topics.size());
            topics.values().forEach(topic -> assertEquals(3, topic.partitions().size(), topic.name()));
        } finally {
            stack.stop();
        }
        for (ProcessHandle process : started) {
            assertTrue(Processes.awaitExit(process, Duration.ofSeconds(10)), "stopped: " + process.pid());
        }
        assertFalse(Files.exists(stateFile.path()), "a clean stop removes the state file");
        return output.toString(StandardCharsets.UTF_8);
    }

    private static List<String> databases(Settings settings) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl("postgres"), "postgres", "postgres");
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("select datname from pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static Map<String, TopicDescription> topics(Settings settings) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            return admin.describeTopics(Settings.topics()).allTopicNames().get(30, TimeUnit.SECONDS);
        }
    }

    /** The broker JVM runs from the test classpath (target/lib is only made at package time). */
    private static String brokerClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
