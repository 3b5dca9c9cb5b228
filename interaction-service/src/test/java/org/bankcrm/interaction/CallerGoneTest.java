package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A channel that stops waiting (its timeout, a closed connection) cancels its request; the recording it started runs
 * to its commit anyway and returns its connection to the pool (platform's Uncancellable). Cancelled inside Hibernate
 * Reactive's session instead, the work was cut off and under load the pool lost its connections one by one until
 * the whole service stood still (bench, REST at 500/s, 2026-12-08).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class CallerGoneTest {
    @Inject
    Pool pool;

    @Test
    void aTouchpointWhoseCallerGaveUpIsRecordedAndItsConnectionReturned() {
        String clientId = TestClients.known();
        // another transaction holds the client's lock, as a long recording of the same client would
        SqlConnection holder = pool.getConnection().await().atMost(Duration.ofSeconds(5));
        Transaction held = holder.begin().await().atMost(Duration.ofSeconds(5));
        holder.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of(clientId))
                .await().atMost(Duration.ofSeconds(5));
        try {
            String id = UUID.randomUUID().toString();
            String body = TestClients.touchpoint(id, clientId);
            // the caller waits one second for an answer, then gives up and closes its connection
            assertThatThrownBy(() -> given()
                    .config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                            .setParam("http.socket.timeout", 1_000)))
                    .contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/interactions"))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            given().when().get("/api/v1/interactions/{id}", id).then().statusCode(404);

            held.rollback().await().atMost(Duration.ofSeconds(5));
            // the recording the caller left goes on once the lock is free; the caller's retry finds it (a replay)
            await().atMost(Duration.ofSeconds(15)).until(() -> given().when().get("/api/v1/interactions/{id}", id)
                    .statusCode() == 200);
            InteractionRecordingTest.post(body, 200);
        } finally {
            holder.close().await().atMost(Duration.ofSeconds(5));
        }
        // and the service's connections all came back: many recordings in a row still get theirs at once
        for (int i = 0; i < 40; i++) {
            InteractionRecordingTest.post(TestClients.touchpoint(UUID.randomUUID().toString(), clientId), 201);
        }
        assertThat(given().when().get("/api/v1/clients/{id}/interactions", clientId).then().extract().jsonPath()
                .getInt("total")).isEqualTo(41);
    }
}
