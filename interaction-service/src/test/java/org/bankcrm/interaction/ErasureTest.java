package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** crm.client.erased: notes and employee ids go, the experience record that metrics and journeys need stays. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class ErasureTest {
    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    long parked(String clientId) {
        return pool.query("select count(*) from parked_touchpoint where client_id = '" + clientId + "'")
                .execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    static void sendErased(String clientId) {
        TestClients.send(CloudEventRecords.event(TestClients.CLIENT_TOPIC, "crm.client.erased", clientId,
                "{\"clientId\": \"%s\", \"erasedAt\": \"2026-11-27T11:30:00Z\"}".formatted(clientId)));
    }

    @Test
    void anErasedClientsTouchpointsLoseNotesAndEmployeeIdsButKeepTheirExperienceAndMetrics() {
        String clientId = TestClients.known();
        String first = UUID.randomUUID().toString();
        String body = TestClients.touchpoint(first, clientId, "occurredAt", "2021-09-01T10:00:00Z");
        InteractionRecordingTest.post(body, 201);
        InteractionRecordingTest.post(TestClients.touchpoint(UUID.randomUUID().toString(), clientId,
                "occurredAt", "2021-09-02T10:00:00Z", "outcome", "RESOLVED"), 201);

        sendErased(clientId);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().when().get("/api/v1/interactions/{id}", first)
                .then().extract().path("erasedAt") != null);

        given().when().get("/api/v1/clients/{id}/interactions", clientId)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.notes", org.hamcrest.Matchers.everyItem(nullValue()))
                .body("items.employeeId", org.hamcrest.Matchers.everyItem(nullValue()))
                .body("items.erasedAt", org.hamcrest.Matchers.everyItem(notNullValue()))
                .body("items[1].causeDetail", equalTo("WAITING_TIME"))
                .body("items[1].csat", equalTo(2));
        given().when().get("/api/v1/clients/{id}/journeys", clientId)
                .then().statusCode(200).body("items[0].contacts", equalTo(2));
        given().when().get("/api/v1/cx/metrics?from=2021-09-01&to=2021-09-02")
                .then().statusCode(200)
                .body("total.touchpoints", equalTo(2))
                .body("total.firstContactResolution.journeysClosed", equalTo(1));

        // a replay of the original submission still finds its touchpoint; new touchpoints are refused
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/interactions")
                .then().statusCode(200).body("notes", nullValue());
        given().contentType(ContentType.JSON).body(TestClients.touchpoint(UUID.randomUUID().toString(), clientId))
                .when().post("/api/v1/interactions")
                .then().statusCode(404);
    }

    @Test
    void touchpointsParkedForAClientWhoIsErasedAreDeleted() {
        String clientId = UUID.randomUUID().toString();
        TestClients.send(TouchpointIngestTest.submitted(clientId,
                TestClients.touchpoint(UUID.randomUUID().toString(), clientId)));
        await().atMost(Duration.ofSeconds(20)).until(() -> parked(clientId) == 1);
        sendErased(clientId);
        await().atMost(Duration.ofSeconds(20)).until(() -> parked(clientId) == 0);
        // had it only waited, the client's registration would now apply it
        TestClients.sendRegistered(clientId);
        TestClients.awaitKnown(clientId);
        given().when().get("/api/v1/clients/{id}/interactions", clientId)
                .then().statusCode(200).body("total", equalTo(0));
    }
}
