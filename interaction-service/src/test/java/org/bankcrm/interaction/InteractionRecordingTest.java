package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.EventContracts;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST/GET /api/v1/interactions on the real database and broker. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class InteractionRecordingTest {
    static final String TOPIC = "crm.interaction.events.v1";

    static String post(String body, int status) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/interactions")
                .then().statusCode(status)
                .extract().asString();
    }

    static List<ConsumerRecord<String, String>> recordedEvents(String clientId) {
        return TopicContents.forKey(TOPIC, clientId).stream()
                .filter(r -> "crm.interaction.recorded".equals(CloudEventRecords.header(r.headers(), "ce_type")))
                .toList();
    }

    @Test
    void aTouchpointIsStoredAndPublishedOnceWithItsExperienceButWithoutNotesOrEmployeeId() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(TestClients.touchpoint(id, clientId))
                .when().post("/api/v1/interactions")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/interactions/" + id))
                .body("id", equalTo(id))
                .body("causeDetail", equalTo("WAITING_TIME"));

        given().when().get("/api/v1/interactions/{id}", id)
                .then().statusCode(200)
                .body("clientId", equalTo(clientId))
                .body("channel", equalTo("CALL_CENTER"))
                .body("need", equalTo("CARDS"))
                .body("valence", equalTo("NEGATIVE"))
                .body("cause", equalTo("BANK"))
                .body("csat", equalTo(2))
                .body("nps", equalTo(4))
                .body("employeeId", equalTo("EMP-4711"))
                .body("notes", startsWith("Client waited"))
                .body("origin", equalTo("REST"));

        await().atMost(Duration.ofSeconds(15)).until(() -> !recordedEvents(clientId).isEmpty());
        List<ConsumerRecord<String, String>> events = recordedEvents(clientId);
        assertThat(events).as("one crm.interaction.recorded").hasSize(1);
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(CloudEventRecords.header(event.headers(), "ce_subject")).isEqualTo(clientId);
        assertThat(CloudEventRecords.header(event.headers(), "ce_source")).isEqualTo("/bank-crm/interaction-service");
        assertThat(EventContracts.violations("contracts/crm.interaction.recorded.schema.json", event.value())).isEmpty();
        var data = io.restassured.path.json.JsonPath.from(event.value());
        assertThat(data.getString("interactionId")).isEqualTo(id);
        assertThat(data.getString("causeDetail")).isEqualTo("WAITING_TIME");
        assertThat(event.value()).doesNotContain("EMP-4711", "waited 25 minutes", "notes", "employeeId");
    }

    @Test
    void theSameIdWithTheSameContentIsA200WithTheStoredRecordAndNoSecondEvent() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        String body = TestClients.touchpoint(id, clientId, "occurredAt", "2026-11-27T09:00:00.123456789Z");
        post(body, 201);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/interactions")
                .then().statusCode(200)
                .body("id", equalTo(id));

        await().atMost(Duration.ofSeconds(15)).until(() -> !recordedEvents(clientId).isEmpty());
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(recordedEvents(clientId)).hasSize(1);
        given().when().get("/api/v1/clients/{id}/interactions", clientId)
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void theSameIdWithOtherContentIsA409ProblemWithTheExistingId() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        post(TestClients.touchpoint(id, clientId), 201);
        given().contentType(ContentType.JSON).body(TestClients.touchpoint(id, clientId, "csat", 3))
                .when().post("/api/v1/interactions")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("existingId", equalTo(id));
    }

    @Test
    void aTouchpointOfAClientNotKnownIsA404Problem() {
        given().contentType(ContentType.JSON).body(TestClients.touchpoint(UUID.randomUUID().toString(),
                UUID.randomUUID().toString()))
                .when().post("/api/v1/interactions")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("client"));
    }

    @Test
    void invalidFieldsAreA400ProblemNamingEachField() {
        given().contentType(ContentType.JSON)
                .body(TestClients.touchpoint(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                        "csat", 6, "nps", 11, "notes", "x".repeat(4001), "channel", null, "employeeId", "E".repeat(65)))
                .when().post("/api/v1/interactions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("csat", "nps", "notes", "channel", "employeeId"));
    }

    @Test
    void notesOfExactly4000CharactersAreAccepted() {
        String clientId = TestClients.known();
        post(TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "notes", "x".repeat(4000)), 201);
    }

    @Test
    void aTouchpointInTheFutureBeyondTheClockSkewIsA400OnOccurredAt() {
        String clientId = TestClients.known();
        given().contentType(ContentType.JSON)
                .body(TestClients.touchpoint(UUID.randomUUID().toString(), clientId,
                        "occurredAt", Instant.now().plusSeconds(600).toString()))
                .when().post("/api/v1/interactions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("occurredAt"));
    }

    @Test
    void aNegativeBankCausedExperienceWithoutCauseDetailIsA400OnCauseDetail() {
        String clientId = TestClients.known();
        given().contentType(ContentType.JSON)
                .body(TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "causeDetail", null))
                .when().post("/api/v1/interactions")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("causeDetail"));
    }

    @Test
    void anUnknownEnumerationValueNamesTheFieldAndTheAllowedValues() {
        given().contentType(ContentType.JSON)
                .body(TestClients.touchpoint(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                        "causeDetail", "BAD_WEATHER"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("causeDetail"))
                .body("violations[0].message", containsString("WAITING_TIME"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"id\": ")
                .when().post("/api/v1/interactions")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownInteractionIsA404Problem() {
        given().when().get("/api/v1/interactions/{id}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theTimelineIsNewestFirstPagedAndFiltered() {
        String clientId = TestClients.known();
        Instant base = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            post(TestClients.touchpoint(UUID.randomUUID().toString(), clientId,
                    "occurredAt", base.plusSeconds(3600L * i).toString(),
                    "channel", i % 2 == 0 ? "BRANCH" : "MOBILE_APP",
                    "valence", i == 4 ? "POSITIVE" : "NEGATIVE",
                    "need", i < 3 ? "CARDS" : "LENDING"), 201);
        }
        given().when().get("/api/v1/clients/{id}/interactions?page=0&size=2", clientId)
                .then().statusCode(200)
                .body("total", equalTo(5))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("items.size()", equalTo(2))
                .body("items[0].occurredAt", startsWith("2026-11-20T14:00"))
                .body("items[1].occurredAt", startsWith("2026-11-20T13:00"));
        given().when().get("/api/v1/clients/{id}/interactions?page=2&size=2", clientId)
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].occurredAt", startsWith("2026-11-20T10:00"));
        given().when().get("/api/v1/clients/{id}/interactions?channel=BRANCH&valence=NEGATIVE", clientId)
                .then().statusCode(200)
                .body("total", equalTo(2));
        given().when().get("/api/v1/clients/{id}/interactions?need=LENDING&type=COMPLAINT", clientId)
                .then().statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void theTimelineOfAnUnknownClientIsA404AndABadFilterA400NamingIt() {
        given().when().get("/api/v1/clients/{id}/interactions", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        String clientId = TestClients.known();
        given().when().get("/api/v1/clients/{id}/interactions?channel=PIGEON", clientId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("channel"));
        given().when().get("/api/v1/clients/{id}/interactions?size=0", clientId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("size"));
    }

    @Test
    void concurrentRetriesOfOneTouchpointRecordItOnceAndConcurrentContactsOnOneNeedFormOneJourney() throws Exception {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        String body = TestClients.touchpoint(id, clientId);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> retries = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                retries.add(threads.submit(() -> given().contentType(ContentType.JSON).body(body)
                        .when().post("/api/v1/interactions").then().extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var status : retries) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(201, 200).containsOnlyOnce(201);

            String other = TestClients.known();
            List<java.util.concurrent.Future<Integer>> contacts = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                contacts.add(threads.submit(() -> given().contentType(ContentType.JSON)
                        .body(TestClients.touchpoint(UUID.randomUUID().toString(), other, "need", "LENDING"))
                        .when().post("/api/v1/interactions").then().extract().statusCode()));
            }
            for (var status : contacts) {
                assertThat(status.get()).isEqualTo(201);
            }
            given().when().get("/api/v1/clients/{id}/journeys", other)
                    .then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].contacts", equalTo(6));
        } finally {
            threads.shutdown();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !recordedEvents(clientId).isEmpty());
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(recordedEvents(clientId)).hasSize(1);
    }
}
