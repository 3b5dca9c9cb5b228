package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

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
import io.restassured.path.json.JsonPath;

/** Journeys built from recorded touchpoints, and crm.interaction.journey-closed. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class JourneyTest {
    static final Instant DAY_1 = Instant.parse("2026-11-01T10:00:00Z");

    static Instant day(int n) {
        return DAY_1.plus(Duration.ofDays(n - 1));
    }

    static String contact(String clientId, Instant at, String need, String outcome, String channel) {
        String id = UUID.randomUUID().toString();
        InteractionRecordingTest.post(TestClients.touchpoint(id, clientId, "occurredAt", at.toString(), "need", need,
                "outcome", outcome, "channel", channel, "type", "SERVICE_REQUEST"), 201);
        return id;
    }

    static List<ConsumerRecord<String, String>> closedEvents(String clientId) {
        return TopicContents.forKey(InteractionRecordingTest.TOPIC, clientId).stream()
                .filter(r -> "crm.interaction.journey-closed".equals(CloudEventRecords.header(r.headers(), "ce_type")))
                .toList();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        return CloudEventRecords.header(record.headers(), name);
    }

    static ConsumerRecord<String, String> awaitRecorded(String clientId, String touchpointId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> InteractionRecordingTest.recordedEvents(clientId).stream()
                .filter(r -> JsonPath.from(r.value()).getString("interactionId").equals(touchpointId)).toList(),
                l -> !l.isEmpty()).get(0);
    }

    @Test
    void theJourneyClosedByAContactIsCausedByThatContactsRecordedEvent() {
        String clientId = TestClients.known();
        contact(clientId, day(1), "SAVINGS", "PENDING", "CHAT");
        String resolving = contact(clientId, day(2), "SAVINGS", "RESOLVED", "CHAT");
        ConsumerRecord<String, String> recorded = awaitRecorded(clientId, resolving);
        ConsumerRecord<String, String> closed = await().atMost(Duration.ofSeconds(20))
                .until(() -> closedEvents(clientId), l -> !l.isEmpty()).get(0);

        // a touchpoint over REST starts the chain; the journey it closed is caused by its crm.interaction.recorded
        assertThat(header(recorded, "ce_causationid")).isNull();
        assertThat(header(closed, "ce_causationid")).as("journey-closed <- recorded").isEqualTo(header(recorded, "ce_id"));
        assertThat(header(closed, "ce_correlationid")).as("root: the touchpoint").isEqualTo(header(recorded, "ce_id"));
    }

    @Test
    void aTouchpointFromAnotherSystemCarriesItsRecordsCeIdDownTheChainToTheJourneyItClosed() {
        String clientId = TestClients.known();
        contact(clientId, day(1), "LENDING", "PENDING", "CHAT");
        String resolving = UUID.randomUUID().toString();
        var submitted = TouchpointIngestTest.submitted(clientId, TestClients.touchpoint(resolving, clientId,
                "occurredAt", day(2).toString(), "need", "LENDING", "outcome", "RESOLVED", "valence", "POSITIVE",
                "cause", null, "causeDetail", null, "type", "SERVICE_REQUEST"));
        String submittedId = CloudEventRecords.header(submitted.headers(), "ce_id");
        TestClients.send(submitted);
        ConsumerRecord<String, String> recorded = awaitRecorded(clientId, resolving);
        ConsumerRecord<String, String> closed = await().atMost(Duration.ofSeconds(20))
                .until(() -> closedEvents(clientId), l -> !l.isEmpty()).get(0);

        assertThat(header(recorded, "ce_causationid")).as("recorded <- submitted").isEqualTo(submittedId);
        assertThat(header(recorded, "ce_correlationid")).isEqualTo(submittedId);
        assertThat(header(closed, "ce_causationid")).as("journey-closed <- recorded").isEqualTo(header(recorded, "ce_id"));
        assertThat(header(closed, "ce_correlationid")).as("root: the submitted touchpoint").isEqualTo(submittedId);
    }

    @Test
    void contactsOnOneNeedFormAJourneyThatClosesOnceWhenResolvedAndAComebackWithinSevenDaysIsARepeatContact() {
        String clientId = TestClients.known();
        String first = contact(clientId, day(1), "CARDS", "UNRESOLVED", "MOBILE_APP");
        contact(clientId, day(3), "CARDS", "ESCALATED", "CALL_CENTER");
        contact(clientId, day(5), "CARDS", "RESOLVED", "BRANCH");
        String comeback = contact(clientId, day(9), "CARDS", "RESOLVED", "CHAT");
        contact(clientId, day(2), "LENDING", "RESOLVED", "INTERNET_BANK");

        String journeyId = given().when().get("/api/v1/interactions/{id}", first).then().statusCode(200)
                .body("repeatContact", equalTo(false)).extract().path("journeyId");
        given().when().get("/api/v1/interactions/{id}", comeback).then().statusCode(200)
                .body("repeatContact", equalTo(true));

        given().when().get("/api/v1/clients/{id}/journeys?need=CARDS", clientId)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].repeatOf", equalTo(journeyId))
                .body("items[0].firstContactResolution", equalTo(true))
                .body("items[1].id", equalTo(journeyId))
                .body("items[1].status", equalTo("RESOLVED"))
                .body("items[1].contacts", equalTo(3))
                .body("items[1].firstContactResolution", equalTo(false))
                .body("items[1].firstChannel", equalTo("MOBILE_APP"))
                .body("items[1].resolvedByChannel", equalTo("BRANCH"))
                .body("items[1].repeatOf", nullValue());
        given().when().get("/api/v1/clients/{id}/journeys?need=LENDING", clientId)
                .then().statusCode(200)
                .body("items[0].firstContactResolution", equalTo(true));

        await().atMost(Duration.ofSeconds(15)).until(() -> closedEvents(clientId).size() >= 3);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        List<ConsumerRecord<String, String>> closed = closedEvents(clientId);
        assertThat(closed).as("one journey-closed per journey").hasSize(3);
        for (ConsumerRecord<String, String> event : closed) {
            assertThat(EventContracts.violations("contracts/crm.interaction.journey-closed.schema.json", event.value()))
                    .isEmpty();
        }
        JsonPath threeContacts = closed.stream().map(r -> JsonPath.from(r.value()))
                .filter(j -> journeyId.equals(j.getString("journeyId"))).findFirst().orElseThrow();
        assertThat(threeContacts.getInt("contacts")).isEqualTo(3);
        assertThat(threeContacts.getString("resolvedByChannel")).isEqualTo("BRANCH");
        assertThat(InteractionRecordingTest.recordedEvents(clientId)).allSatisfy(r -> assertThat(
                EventContracts.violations("contracts/crm.interaction.recorded.schema.json", r.value())).isEmpty());
    }

    @Test
    void aJourneyLeftUnmetLongerThanTheWindowIsClosedAsAbandonedWhenTheClientComesBack() {
        String clientId = TestClients.known();
        contact(clientId, day(1), "SAVINGS", "UNRESOLVED", "EMAIL");
        contact(clientId, day(20), "SAVINGS", "PENDING", "BRANCH");
        given().when().get("/api/v1/clients/{id}/journeys?status=ABANDONED", clientId)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].closedAt", equalTo("2026-11-15T10:00:00Z"));
        given().when().get("/api/v1/clients/{id}/journeys?status=OPEN", clientId)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].repeatOf", nullValue());
        await().atMost(Duration.ofSeconds(15)).until(() -> closedEvents(clientId).size() == 1);
    }

    /**
     * One ingest batch abandons a client's journey recorded before, begins the next on the same need, resolves it and
     * begins a third, in one transaction that flushes the session once, at its commit ("one open journey per need" is
     * checked then, V14, whatever the order Hibernate writes the rows in). The batch commits whole, without falling
     * back to one event at a time; the journeys are what the same touchpoints make one at a time.
     */
    @Test
    void oneBatchAbandonsResolvesAndBeginsJourneysOnOneNeedAndCommitsWhole() {
        String clientId = TestClients.known();
        contact(clientId, day(1), "LENDING", "UNRESOLVED", "EMAIL");
        double fallbacks = CxCountersInBatchTest.ingestMetric("crm_inbox_batch_fallbacks_total");
        Instant back = day(20);
        List<String> bodies = List.of(
                TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "occurredAt", back.toString(),
                        "need", "LENDING", "outcome", "UNRESOLVED", "type", "SERVICE_REQUEST"),
                TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "occurredAt", back.plusSeconds(3600).toString(),
                        "need", "LENDING", "outcome", "RESOLVED", "type", "SERVICE_REQUEST"),
                TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "occurredAt", back.plusSeconds(7200).toString(),
                        "need", "LENDING", "outcome", "UNRESOLVED", "type", "SERVICE_REQUEST"));
        CloudEventRecords.sendTogether(bodies.stream().map(body -> TouchpointIngestTest.submitted(clientId, body)).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> given().when().get("/api/v1/clients/{id}/journeys", clientId)
                .then().extract().jsonPath().getInt("total") == 3);

        JsonPath resolved = given().when().get("/api/v1/clients/{id}/journeys?status=RESOLVED", clientId)
                .then().statusCode(200).body("total", equalTo(1)).extract().jsonPath();
        given().when().get("/api/v1/clients/{id}/journeys?status=ABANDONED", clientId)
                .then().statusCode(200).body("total", equalTo(1));
        given().when().get("/api/v1/clients/{id}/journeys?status=OPEN", clientId)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].repeatOf", equalTo(resolved.getString("items[0].id")));
        await().atMost(Duration.ofSeconds(15)).until(() -> closedEvents(clientId).size() == 2);
        assertThat(CxCountersInBatchTest.ingestMetric("crm_inbox_batch_fallbacks_total")).isEqualTo(fallbacks);
    }

    @Test
    void offersFormNoJourneyAndJourneysOfAnUnknownClientAreA404() {
        String clientId = TestClients.known();
        String offer = UUID.randomUUID().toString();
        InteractionRecordingTest.post(TestClients.touchpoint(offer, clientId, "type", "OFFER_PRESENTED",
                "initiator", "BANK", "valence", "NEUTRAL", "cause", null, "causeDetail", null), 201);
        given().when().get("/api/v1/interactions/{id}", offer).then().body("journeyId", nullValue());
        given().when().get("/api/v1/clients/{id}/journeys", clientId).then().statusCode(200).body("total", equalTo(0));
        given().when().get("/api/v1/clients/{id}/journeys", UUID.randomUUID()).then().statusCode(404);
        given().when().get("/api/v1/clients/{id}/journeys?status=LOST", clientId).then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
    }

    @Test
    void aJourneyNobodyCameBackToIsClosedAsAbandonedByTheSweepAnnouncedOnceAndCounted() {
        String clientId = TestClients.known();
        contact(clientId, Instant.parse("2021-07-01T10:00:00Z"), "INSURANCE", "UNRESOLVED", "EMAIL");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().when()
                .get("/api/v1/clients/{id}/journeys?status=ABANDONED", clientId).then().extract().<Integer>path("total") == 1);
        given().when().get("/api/v1/clients/{id}/journeys", clientId)
                .then().body("total", equalTo(1)).body("items[0].closedAt", equalTo("2021-07-15T10:00:00Z"));
        await().atMost(Duration.ofSeconds(15)).until(() -> closedEvents(clientId).size() == 1);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(closedEvents(clientId)).hasSize(1);
        assertThat(JsonPath.from(closedEvents(clientId).get(0).value()).getString("status")).isEqualTo("ABANDONED");
        given().when().get("/api/v1/cx/metrics?from=2021-07-15&to=2021-07-15&channel=EMAIL")
                .then().statusCode(200)
                .body("total.firstContactResolution.journeysClosed", equalTo(1))
                .body("total.firstContactResolution.journeysResolved", equalTo(0));
    }
}
