package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.bankcrm.platform.testing.TopicContents;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service's database unreachable while events arrive: the consumers wait (degraded, not dead) and apply every
 * event once it is back; none goes to a dead-letter topic.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class DatabaseOutageTest {
    static final Duration OUTAGE = Duration.ofSeconds(30);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    /** As an administrator on the server: the database refuses new connections and its open ones are closed. */
    void setDatabaseReachable(boolean reachable) throws SQLException {
        RealInfrastructure infra = RealInfrastructure.get();
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(infra.jdbcUrl("postgres"), infra.user(), infra.password());
                Statement s = admin.createStatement()) {
            s.execute("alter database " + database + " allow_connections " + reachable);
            if (!reachable) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
            }
        }
    }

    static int pausedConsumers() {
        return given().when().get("/q/health/live").then().extract().path("checks.find { it.name == 'crm-inbox' }.data.paused");
    }

    @Test
    void eventsArrivingWhileTheDatabaseIsUnreachableAreAllAppliedWhenItIsBackAndNoneIsDeadLettered() throws Exception {
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String clientId = UUID.randomUUID().toString();
            LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.of(2015, 3, 1)));
            clients.add(clientId);
        }
        await().atMost(LoyaltyChainTest.WAIT).until(() -> clients.stream().allMatch(c -> LoyaltyChainTest.eventsApplied(c) == 1));

        setDatabaseReachable(false);
        try {
            long start = System.nanoTime();
            for (String clientId : clients) {
                LoyaltyChainTest.send(TestEvents.surveyAnswer(clientId, 9));
                LoyaltyChainTest.send(TestEvents.bankCausedComplaint(clientId, UUID.randomUUID().toString()));
            }
            await().atMost(OUTAGE).until(() -> pausedConsumers() > 0);
            given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            // a channel asking meanwhile is told to come back, not that the service is broken
            given().when().get("/api/v1/clients/{id}/loyalty", clients.get(0)).then().statusCode(503)
                    .header("Retry-After", "5")
                    .contentType("application/problem+json")
                    .body("status", equalTo(503))
                    .body("errorId", org.hamcrest.Matchers.notNullValue());
            Duration left = OUTAGE.minusNanos(System.nanoTime() - start);
            if (!left.isNegative()) {
                Thread.sleep(left.toMillis());
            }
            given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            setDatabaseReachable(true);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> LoyaltyChainTest.eventsApplied(c) == 3));
        await().atMost(Duration.ofSeconds(15)).until(() -> pausedConsumers() == 0);
        // the Flyway datasource's pooled connection was terminated too: its health check drops it and connects anew
        await().atMost(Duration.ofSeconds(30)).until(() -> given().when().get("/q/health/ready").statusCode() == 200);
        for (String clientId : clients) {
            assertThat(TopicContents.forKey(TestEvents.INTERACTION_TOPIC + ".dlq", clientId)).as("dead letters of " + clientId).isEmpty();
        }
    }
}
