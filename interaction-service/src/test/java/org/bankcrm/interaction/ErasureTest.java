package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * crm.client.erased: the client is gone (404 for timeline, journeys, read model; 410 for a new touchpoint), nothing
 * of them stays but the id in the platform's client_tombstone, the CX metrics stay; their late events are dropped, not applied.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class ErasureTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    long count(String sql) {
        return pool.query(sql).execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    long parked(String clientId) {
        return count("select count(*) from parked_record where client_id = '" + clientId + "'");
    }

    /** Rows about the client in each of this service's tables that hold clients (client_tombstone aside). */
    Map<String, Long> rowsOf(String clientId) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : new String[] {"known_client", "client_segment", "touchpoint", "journey", "parked_record"}) {
            rows.put(table, count("select count(*) from " + table + " where client_id = '" + clientId + "'"));
        }
        return rows;
    }

    boolean applied(String ceId) {
        return count("select count(*) from inbox_event where event_id = '" + ceId + "'") == 1;
    }

    static void sendErased(String clientId) {
        TestClients.send(CloudEventRecords.event(TestClients.CLIENT_TOPIC, "crm.client.erased", clientId,
                "{\"clientId\": \"%s\", \"erasedAt\": \"2026-11-27T11:30:00Z\"}".formatted(clientId)));
    }

    static void assertGone(String path, String clientId) {
        given().when().get(path, clientId).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void anErasedClientIsGoneEverywhereButTheMetricsStay() {
        String clientId = TestClients.known();
        TestClients.send(CloudEventRecords.event(TestClients.CLIENT_TOPIC, "crm.client.segment-changed", clientId,
                "{\"clientId\": \"%s\", \"segments\": [\"ERASURE_TEST\"], \"changedAt\": \"2026-11-27T10:20:00Z\"}"
                        .formatted(clientId)));
        String first = UUID.randomUUID().toString();
        String body = TestClients.touchpoint(first, clientId, "occurredAt", "2021-09-01T10:00:00Z");
        InteractionRecordingTest.post(body, 201);
        InteractionRecordingTest.post(TestClients.touchpoint(UUID.randomUUID().toString(), clientId,
                "occurredAt", "2021-09-02T10:00:00Z", "outcome", "RESOLVED"), 201);
        await().atMost(WAIT).until(() -> rowsOf(clientId).get("client_segment") == 1);
        // the search below can fail: before the erasure it finds the client in every table
        assertThat(rowsOf(clientId)).containsEntry("known_client", 1L).containsEntry("touchpoint", 2L)
                .containsEntry("journey", 1L);

        sendErased(clientId);
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/read-model/clients/{id}", clientId)
                .statusCode() == 404);
        assertGone("/api/v1/read-model/clients/{id}", clientId);
        assertGone("/api/v1/clients/{id}/interactions", clientId);
        assertGone("/api/v1/clients/{id}/journeys", clientId);
        given().when().get("/api/v1/interactions/{id}", first).then().statusCode(404);
        assertThat(rowsOf(clientId)).as("rows about the erased client").allSatisfy((table, rows) ->
                assertThat(rows).as(table).isZero());
        assertThat(count("select count(*) from client_tombstone where client_id = '" + clientId + "'")).isEqualTo(1);

        // the counters hold no client: the metrics of those days stay
        given().when().get("/api/v1/cx/metrics?from=2021-09-01&to=2021-09-02")
                .then().statusCode(200)
                .body("total.touchpoints", equalTo(2))
                .body("total.firstContactResolution.journeysClosed", equalTo(1));

        // a new touchpoint, and the replay of an old one, are refused as gone for good
        given().contentType(ContentType.JSON).body(TestClients.touchpoint(UUID.randomUUID().toString(), clientId))
                .when().post("/api/v1/interactions")
                .then().statusCode(410).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("Client " + clientId + " was erased and takes no new touchpoints"));
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/interactions").then().statusCode(410);
    }

    @Test
    void lateEventsOfAnErasedClientAreDroppedNotAppliedParkedOrDeadLettered() {
        String clientId = TestClients.known();
        sendErased(clientId);
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/read-model/clients/{id}", clientId)
                .statusCode() == 404);

        // a touchpoint from another system (with notes: the DLQ would keep them) and a late registration and segment
        String touchpoint = UUID.randomUUID().toString();
        var submitted = TouchpointIngestTest.submitted(clientId, TestClients.touchpoint(touchpoint, clientId));
        TestClients.send(submitted);
        var registered = CloudEventRecords.event(TestClients.CLIENT_TOPIC, "crm.client.registered", clientId, """
                {"clientId": "%s", "type": "INDIVIDUAL", "ageBand": "AGE_35_44", "customerSince": "2019-04-01",
                 "consents": {"marketingEmail": true, "marketingSms": false, "marketingPush": false, "marketingPhone": false, "profiling": true},
                 "registeredAt": "2026-11-27T10:15:30Z"}
                """.formatted(clientId));
        TestClients.send(registered);
        var segments = CloudEventRecords.event(TestClients.CLIENT_TOPIC, "crm.client.segment-changed", clientId,
                "{\"clientId\": \"%s\", \"segments\": [\"ERASURE_TEST\"], \"changedAt\": \"2026-11-27T10:20:00Z\"}"
                        .formatted(clientId));
        TestClients.send(segments);
        // an answer to an offer, from offer-service (it becomes a touchpoint of a known client's timeline)
        var responded = CloudEventRecords.event(OfferTimelineTest.TOPIC, "crm.offer.responded", clientId,
                OfferTimelineTest.responded(UUID.randomUUID().toString(), UUID.randomUUID().toString(), clientId,
                        "ACCEPTED"));
        TestClients.send(responded);
        for (var record : java.util.List.of(submitted, registered, segments, responded)) {
            String ceId = CloudEventRecords.header(record.headers(), "ce_id");
            await().atMost(WAIT).until(() -> applied(ceId));
        }

        assertGone("/api/v1/read-model/clients/{id}", clientId);
        given().when().get("/api/v1/interactions/{id}", touchpoint).then().statusCode(404);
        assertThat(rowsOf(clientId)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(TopicContents.forKey(TouchpointIngestTest.DLQ, clientId)).as("nothing of theirs on the DLQ").isEmpty();
        assertThat(TopicContents.forKey(OfferTimelineTest.TOPIC + ".dlq", clientId)).isEmpty();
        assertThat(InteractionRecordingTest.recordedEvents(clientId)).isEmpty();
    }

    @Test
    void touchpointsParkedForAClientWhoIsErasedAreDeletedAndTheirRegistrationDoesNotBringThemBack() {
        String clientId = UUID.randomUUID().toString();
        TestClients.send(TouchpointIngestTest.submitted(clientId,
                TestClients.touchpoint(UUID.randomUUID().toString(), clientId)));
        await().atMost(WAIT).until(() -> parked(clientId) == 1);
        sendErased(clientId);
        await().atMost(WAIT).until(() -> parked(clientId) == 0);
        // had it only waited, the client's registration would now apply it
        var registered = CloudEventRecords.event(TestClients.CLIENT_TOPIC, "crm.client.registered", clientId, """
                {"clientId": "%s", "type": "INDIVIDUAL", "ageBand": "AGE_35_44", "customerSince": "2019-04-01",
                 "consents": {"marketingEmail": true, "marketingSms": false, "marketingPush": false, "marketingPhone": false, "profiling": true},
                 "registeredAt": "2026-11-27T10:15:30Z"}
                """.formatted(clientId));
        TestClients.send(registered);
        await().atMost(WAIT).until(() -> applied(CloudEventRecords.header(registered.headers(), "ce_id")));
        assertGone("/api/v1/clients/{id}/interactions", clientId);
        assertThat(rowsOf(clientId)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(TopicContents.forKey(TouchpointIngestTest.DLQ, clientId)).isEmpty();
    }
}
