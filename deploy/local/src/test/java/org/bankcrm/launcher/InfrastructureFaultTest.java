package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults the chaos scenarios inject into the infrastructure, on the launcher's real PostgreSQL and broker (no
 * services): the database shut down (fast, immediate) and started again with its data; the database unreachable through
 * the proxy the services use, and reachable again; the broker killed and started again with its topics.
 */
class InfrastructureFaultTest {

    @TempDir
    Path root;

    @Test
    void theDatabaseAndTheBrokerComeBackWithTheirDataAfterEachFault() throws Exception {
        Settings settings = new Settings(new Layout(root), Ports.freePort(), Ports.freePort(), Ports.freePort(), 3,
                Duration.ofSeconds(60), List.of(), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), List.of())
                .withServicesDatabasePort(Ports.freePort());
        Stack stack = new Stack(settings, System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                new StateFile(settings.layout().stateFile()), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        String direct = settings.jdbcUrl("client");
        String proxied = settings.serviceJdbcUrl("client");
        try {
            stack.start();
            try (Connection db = connect(proxied); Statement sql = db.createStatement()) {
                sql.execute("create table fault_check (n int); insert into fault_check values (1)");
            }

            try (Connection held = connect(proxied)) {
                stack.refuseDatabaseConnections();
                assertThrows(SQLException.class, () -> count(held), "an open connection is cut");
                assertThrows(SQLException.class, () -> connect(proxied), "a new one is refused");
                assertEquals(1, countOn(direct), "PostgreSQL itself keeps running");
            }
            stack.acceptDatabaseConnections();
            assertEquals(1, countOn(proxied));

            for (boolean immediate : new boolean[] { false, true }) {
                try (Connection db = connect(direct); Statement sql = db.createStatement()) {
                    sql.execute("insert into fault_check values (1)");
                }
                stack.stopDatabase(immediate);
                assertThrows(SQLException.class, () -> connect(direct), "stopped, immediate " + immediate);
                stack.startDatabase();
            }
            assertEquals(3, countOn(proxied), "every committed row is still there after the fast and the immediate shutdown");

            stack.killBroker();
            stack.startBroker();
            assertEquals(Settings.topics().size(), topicCount(settings), "the topics survive a kill -9 of the broker");
            assertTrue(stack.stopBroker(), "a graceful stop ends the broker by itself");
            stack.startBroker();
            assertEquals(Settings.topics().size(), topicCount(settings));
        } finally {
            stack.stop();
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    private static int countOn(String url) throws SQLException {
        try (Connection db = connect(url)) {
            return count(db);
        }
    }

    private static int count(Connection db) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet row = sql.executeQuery("select count(*) from fault_check")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static int topicCount(Settings settings) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            return (int) admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.startsWith("crm.")).count();
        }
    }
}
