package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The needs and motives a client states at a touchpoint ("find motives"), on the real database and broker. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class StatedNeedsTest {
    static final String NEEDS = """
            [{"code": "SAVING_FOR_HOUSING", "note": "wants a flat near her parents within three years"},
             {"code": "CHILDREN_EDUCATION"}]""";

    static String interview(String id, String clientId, String statedNeeds) {
        String base = TestClients.touchpoint(id, clientId, "occurredAt", "2026-11-30T10:15:00Z", "type", "ADVICE", "need", "SAVINGS", "outcome", "RESOLVED",
                "valence", "POSITIVE", "cause", null, "causeDetail", null, "csat", 5, "nps", 9);
        return base.substring(0, base.lastIndexOf('}')) + ", \"statedNeeds\": " + statedNeeds + "}";
    }

    @Test
    void statedNeedsAreStoredShownInTheTimelineAndPublishedAsCodesWithoutTheNotes() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(interview(id, clientId, NEEDS))
                .when().post("/api/v1/interactions")
                .then().statusCode(201)
                .body("statedNeeds.code", contains("SAVING_FOR_HOUSING", "CHILDREN_EDUCATION"))
                .body("statedNeeds[0].note", containsString("flat"))
                .body("statedNeeds[1].note", nullValue());
        given().when().get("/api/v1/clients/{id}/interactions", clientId)
                .then().statusCode(200)
                .body("items[0].statedNeeds.code", contains("SAVING_FOR_HOUSING", "CHILDREN_EDUCATION"));

        await().atMost(Duration.ofSeconds(15)).until(() -> !InteractionRecordingTest.recordedEvents(clientId).isEmpty());
        ConsumerRecord<String, String> event = InteractionRecordingTest.recordedEvents(clientId).get(0);
        assertThat(EventContracts.violations("contracts/crm.interaction.recorded.schema.json", event.value())).isEmpty();
        assertThat(JsonPath.from(event.value()).getList("statedNeeds"))
                .isEqualTo(List.of("SAVING_FOR_HOUSING", "CHILDREN_EDUCATION"));
        assertThat(event.value()).doesNotContain("flat near");
    }

    @Test
    void aTouchpointWithoutStatedNeedsPublishesNoneAndAnEmptyStatementStaysEmpty() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(TestClients.touchpoint(id, clientId))
                .when().post("/api/v1/interactions")
                .then().statusCode(201).body("statedNeeds", nullValue());
        String empty = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(interview(empty, clientId, "[]"))
                .when().post("/api/v1/interactions")
                .then().statusCode(201).body("statedNeeds.size()", equalTo(0));
        await().atMost(Duration.ofSeconds(15)).until(() -> InteractionRecordingTest.recordedEvents(clientId).size() == 2);
        var byId = InteractionRecordingTest.recordedEvents(clientId).stream().map(r -> JsonPath.from(r.value()))
                .collect(java.util.stream.Collectors.toMap(j -> j.getString("interactionId"), j -> j));
        assertThat(byId.get(id).getList("statedNeeds")).isNull();
        assertThat(byId.get(empty).getList("statedNeeds")).isEmpty();
    }

    @Test
    void anUnknownCodeATwiceStatedCodeAndAnOverlongNoteAre400sNamingTheField() {
        String clientId = TestClients.known();
        given().contentType(ContentType.JSON)
                .body(interview(UUID.randomUUID().toString(), clientId, "[{\"code\": \"TRAVEL\"}, {\"code\": \"YACHT\"}]"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("statedNeeds[1].code"))
                .body("violations[0].message", containsString("SAVING_FOR_HOUSING"));
        given().contentType(ContentType.JSON)
                .body(interview(UUID.randomUUID().toString(), clientId, "[{\"code\": \"TRAVEL\"}, {\"code\": \"TRAVEL\"}]"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("statedNeeds[1].code"));
        given().contentType(ContentType.JSON)
                .body(interview(UUID.randomUUID().toString(), clientId,
                        "[{\"code\": \"TRAVEL\", \"note\": \"" + "x".repeat(501) + "\"}]"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("statedNeeds[0].note"));
        given().contentType(ContentType.JSON)
                .body(interview(UUID.randomUUID().toString(), clientId, "[null]"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aReplayWithTheSameStatedNeedsIsA200AndWithOtherNeedsA409() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(interview(id, clientId, NEEDS))
                .when().post("/api/v1/interactions").then().statusCode(201);
        given().contentType(ContentType.JSON).body(interview(id, clientId, NEEDS))
                .when().post("/api/v1/interactions").then().statusCode(200);
        given().contentType(ContentType.JSON).body(interview(id, clientId, "[{\"code\": \"RETIREMENT\"}]"))
                .when().post("/api/v1/interactions").then().statusCode(409).body("existingId", equalTo(id));
    }

    @Test
    void statedNeedsComeOverTheIngestTopicTooAndABrokenStatementGoesToTheDlqNamingTheField() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        TestClients.send(TouchpointIngestTest.submitted(clientId, interview(id, clientId, NEEDS)));
        TestClients.send(TouchpointIngestTest.submitted(clientId, interview(UUID.randomUUID().toString(), clientId,
                "[{\"code\": \"CAR\"}, {\"code\": \"CAR\"}]")));
        await().atMost(Duration.ofSeconds(20)).until(() -> !InteractionRecordingTest.recordedEvents(clientId).isEmpty());
        given().when().get("/api/v1/interactions/{id}", id).then().statusCode(200)
                .body("origin", equalTo("KAFKA"))
                .body("statedNeeds.code", contains("SAVING_FOR_HOUSING", "CHILDREN_EDUCATION"));
        assertThat(JsonPath.from(InteractionRecordingTest.recordedEvents(clientId).get(0).value()).getList("statedNeeds"))
                .isEqualTo(List.of("SAVING_FOR_HOUSING", "CHILDREN_EDUCATION"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !TouchpointIngestTest.deadLetterReasons(clientId).isEmpty());
        assertThat(TouchpointIngestTest.deadLetterReasons(clientId).get(0)).contains("statedNeeds[1].code");
    }
}
