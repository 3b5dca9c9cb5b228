package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.MARKETING, Roles.ANALYST })
class SegmentsTest {

    static String registerAged(int age, String channel) {
        return given().contentType(ContentType.JSON)
                .body("""
                        {"externalRef": "CB-%s", "type": "INDIVIDUAL", "fullName": "Seg Ment", "birthDate": "%s",
                         "incomeBracket": "MIDDLE", "preferredChannel": "%s"}
                        """.formatted(UUID.randomUUID(), LocalDate.now().minusYears(age).minusDays(10), channel))
                .when().post("/api/v1/clients").then().statusCode(201).extract().path("id");
    }

    static void awaitRecomputed(String segmentId, int version) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var body = given().when().get("/api/v1/segments/{id}", segmentId).then().statusCode(200).extract();
            return "DONE".equals(body.path("recomputation.status")) && Integer.valueOf(version).equals(body.path("recomputation.version"));
        });
    }

    @Test
    void theDefaultSegmentsAreShippedWithTheirAnalysis() {
        given().when().get("/api/v1/segments").then().statusCode(200)
                .body("code", hasItems("STUDENTS", "YOUNG_STARTERS", "YOUNG_FAMILIES", "MORTGAGE_SEEKERS", "AFFLUENT_SAVERS",
                        "PRE_RETIREMENT", "RETIREES", "SMALL_BUSINESS_OWNERS", "DIGITAL_FIRST"))
                .body("find { it.code == 'RETIREES' }.size", notNullValue())
                .body("find { it.code == 'RETIREES' }.condition.all[1].age.min", equalTo(65));
    }

    @Test
    void aClientJoinsTheSegmentsTheyMatchAtOnceAndEachChangeIsPublished() {
        String id = registerAged(70, "BRANCH");
        given().when().get("/api/v1/clients/{id}", id).then().statusCode(200).body("segments", hasItem("RETIREES"))
                .body("segments", not(hasItem("DIGITAL_FIRST")));
        var first = PublishedEvents.json(PublishedEvents.expectOne(id, "crm.client.segment-changed"));
        assertThat(first.get("joined").toString()).isEqualTo("[\"RETIREES\"]");

        given().contentType(ContentType.JSON).body("{\"preferredChannel\": \"MOBILE_APP\"}")
                .when().patch("/api/v1/clients/{id}", id).then().statusCode(200);
        given().when().get("/api/v1/clients/{id}", id).then().body("segments", hasItems("RETIREES", "DIGITAL_FIRST"));
        var second = PublishedEvents.json(PublishedEvents.expect(id, "crm.client.segment-changed", 2).get(1).value());
        assertThat(second.get("joined").toString()).isEqualTo("[\"DIGITAL_FIRST\"]");
        assertThat(second.get("segments").toString()).isEqualTo("[\"DIGITAL_FIRST\",\"RETIREES\"]");
        given().queryParam("segment", "DIGITAL_FIRST").queryParam("q", "Seg Ment").queryParam("size", 100)
                .when().get("/api/v1/clients").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void aNewOrChangedDefinitionIsAppliedToEveryClientInTheBackgroundAndItsVersionsAreKept() {
        String atmUser = registerAged(40, "ATM");
        String code = "ATM_USERS_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
        String segmentId = given().contentType(ContentType.JSON)
                .body("""
                        {"code": "%s", "name": "ATM users", "condition": {"preferredChannel": ["ATM"]},
                         "expectedProducts": ["DEBIT_CARD"]}
                        """.formatted(code))
                .when().post("/api/v1/segments")
                .then().statusCode(201).body("version", equalTo(1)).extract().path("id");
        awaitRecomputed(segmentId, 1);
        given().when().get("/api/v1/segments/{id}", segmentId).then()
                .body("recomputation.progress", equalTo(1.0f))
                .body("recomputation.done", equalTo(given().when().get("/api/v1/segments/{id}", segmentId).then().extract().path("recomputation.total")));
        given().when().get("/api/v1/clients/{id}", atmUser).then().body("segments", hasItem(code));
        int size = given().when().get("/api/v1/segments/{id}", segmentId).then().extract().path("size");
        assertThat(size).isGreaterThanOrEqualTo(1);

        given().contentType(ContentType.JSON)
                .body("{\"name\": \"ATM users\", \"condition\": {\"preferredChannel\": [\"CHAT\"]}}")
                .when().put("/api/v1/segments/{id}", segmentId)
                .then().statusCode(200).body("version", equalTo(2));
        awaitRecomputed(segmentId, 2);
        given().when().get("/api/v1/clients/{id}", atmUser).then().body("segments", not(hasItem(code)));
        var events = PublishedEvents.expect(atmUser, "crm.client.segment-changed", 2);
        assertThat(PublishedEvents.json(events.get(0).value()).get("joined").toString()).contains(code);
        assertThat(PublishedEvents.json(events.get(1).value()).get("left").toString()).contains(code);
    }

    @Test
    void badDefinitionsAreA400NamingTheFieldATakenCodeA409AndAnUnknownSegmentA404() {
        given().contentType(ContentType.JSON)
                .body("{\"code\": \"bad code\", \"name\": \"\", \"condition\": {\"all\": [{\"age\": {\"min\": \"old\"}}]}}")
                .when().post("/api/v1/segments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("code", "name"));
        given().contentType(ContentType.JSON)
                .body("{\"code\": \"GOOD_CODE\", \"name\": \"x\", \"condition\": {\"all\": [{\"age\": {\"min\": \"old\"}}]}}")
                .when().post("/api/v1/segments")
                .then().statusCode(400).body("violations[0].field", equalTo("condition.all[0].age.min"));
        given().contentType(ContentType.JSON)
                .body("{\"code\": \"RETIREES\", \"name\": \"again\", \"condition\": {\"clientType\": \"BUSINESS\"}}")
                .when().post("/api/v1/segments")
                .then().statusCode(409).body("existingId", notNullValue());
        given().when().get("/api/v1/segments/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"condition\": {\"clientType\": \"BUSINESS\"}}")
                .when().put("/api/v1/segments/{id}", UUID.randomUUID()).then().statusCode(404);
    }
}
