package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** crm.touchpoint.ingest.v1: the same rules and idempotency as REST; clients not known yet are waited for. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class TouchpointIngestTest {
    static final String TOPIC = "crm.touchpoint.ingest.v1";
    static final String DLQ = TOPIC + ".dlq";
    static final String SUBMITTED = "crm.touchpoint.submitted";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    static ProducerRecord<String, String> submitted(String clientId, String json) {
        return CloudEventRecords.event(TOPIC, SUBMITTED, clientId, json);
    }

    static int timelineTotal(String clientId) {
        var response = given().when().get("/api/v1/clients/{id}/interactions", clientId);
        return response.statusCode() == 200 ? response.path("total") : 0;
    }

    long parked(String clientId) {
        return pool.query("select count(*) from parked_record where client_id = '" + clientId + "'")
                .execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    static List<String> deadLetterReasons(String clientId) {
        return TopicContents.forKey(DLQ, clientId).stream()
                .map(r -> CloudEventRecords.header(r.headers(), "dead-letter-reason")).toList();
    }

    @Test
    void theSameTouchpointSentTwiceUnderNewCeIdsIsRecordedAndPublishedOnce() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        String body = TestClients.touchpoint(id, clientId);
        TestClients.send(submitted(clientId, body));
        TestClients.send(submitted(clientId, body));
        await().atMost(WAIT).until(() -> timelineTotal(clientId) == 1);
        given().when().get("/api/v1/interactions/{id}", id).then().statusCode(200).body("origin", equalTo("KAFKA"));
        await().atMost(WAIT).until(() -> !InteractionRecordingTest.recordedEvents(clientId).isEmpty());
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(timelineTotal(clientId)).isEqualTo(1);
        assertThat(InteractionRecordingTest.recordedEvents(clientId)).hasSize(1);
        assertThat(TopicContents.forKey(DLQ, clientId)).isEmpty();
    }

    /**
     * A batch's prefetch reads which of its touchpoints were recorded before in one statement: one recorded over REST
     * is replayed, one sent twice in the batch is recorded once (the second finds the first), none falls back to one
     * event at a time.
     */
    @Test
    void aBatchOfTouchpointsRecordedBeforeOrTwiceInItRecordsEachOnce() {
        String clientId = TestClients.known();
        String before = TestClients.touchpoint(UUID.randomUUID().toString(), clientId);
        InteractionRecordingTest.post(before, 201);
        String twice = TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "outcome", "RESOLVED");
        String once = TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "need", "SAVINGS");
        double fallbacks = CxCountersInBatchTest.ingestMetric("crm_inbox_batch_fallbacks_total");
        CloudEventRecords.sendTogether(List.of(submitted(clientId, before), submitted(clientId, twice),
                submitted(clientId, twice), submitted(clientId, once)));
        await().atMost(WAIT).until(() -> timelineTotal(clientId) == 3
                && InteractionRecordingTest.recordedEvents(clientId).size() == 3);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(timelineTotal(clientId)).isEqualTo(3);
        assertThat(InteractionRecordingTest.recordedEvents(clientId)).hasSize(3);
        assertThat(TopicContents.forKey(DLQ, clientId)).isEmpty();
        assertThat(CxCountersInBatchTest.ingestMetric("crm_inbox_batch_fallbacks_total")).isEqualTo(fallbacks);
    }

    @Test
    void aTouchpointRecordedOverRestAndSentAgainWithOtherContentGoesToTheDlqAsAConflict() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        InteractionRecordingTest.post(TestClients.touchpoint(id, clientId), 201);
        TestClients.send(submitted(clientId, TestClients.touchpoint(id, clientId, "outcome", "RESOLVED")));
        await().atMost(WAIT).until(() -> !deadLetterReasons(clientId).isEmpty());
        assertThat(deadLetterReasons(clientId).get(0))
                .startsWith("interaction-service/touchpoint-ingest: ")
                .contains(id, "other content");
        given().when().get("/api/v1/interactions/{id}", id).then().statusCode(200).body("outcome", equalTo("UNRESOLVED"));
    }

    @Test
    void aTouchpointBreakingARuleGoesToTheDlqNamingTheField() {
        String clientId = TestClients.known();
        TestClients.send(submitted(clientId, TestClients.touchpoint(UUID.randomUUID().toString(), clientId,
                "occurredAt", Instant.now().plusSeconds(3600).toString())));
        TestClients.send(submitted(clientId, TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "csat", 9)));
        TestClients.send(submitted(clientId, TestClients.touchpoint(UUID.randomUUID().toString(), clientId,
                "notes", "x".repeat(4001))));
        TestClients.send(submitted(clientId, TestClients.touchpoint(UUID.randomUUID().toString(), clientId,
                "channel", "PIGEON")));
        TestClients.send(submitted(clientId, TestClients.touchpoint(UUID.randomUUID().toString(),
                UUID.randomUUID().toString())));
        TestClients.send(submitted(clientId, TestClients.touchpoint(UUID.randomUUID().toString(), clientId)));
        await().atMost(WAIT).until(() -> deadLetterReasons(clientId).size() >= 5);
        List<String> reasons = deadLetterReasons(clientId);
        assertThat(reasons).hasSize(5);
        assertThat(reasons.get(0)).contains("occurredAt");
        assertThat(reasons.get(1)).contains("csat");
        assertThat(reasons.get(2)).contains("notes");
        assertThat(reasons.get(3)).contains("PIGEON");
        assertThat(reasons.get(4)).contains("ce_subject");
        await().atMost(WAIT).until(() -> timelineTotal(clientId) == 1);
    }

    @Test
    void aTouchpointOfAClientNotKnownYetIsParkedAndAppliedWhenTheClientArrives() {
        String clientId = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        TestClients.send(submitted(clientId, TestClients.touchpoint(id, clientId)));
        await().atMost(WAIT).until(() -> parked(clientId) == 1);
        given().when().get("/api/v1/interactions/{id}", id).then().statusCode(404);

        TestClients.sendRegistered(clientId);
        await().atMost(WAIT).until(() -> timelineTotal(clientId) == 1);
        assertThat(parked(clientId)).isZero();
        given().when().get("/api/v1/interactions/{id}", id).then().statusCode(200)
                .body("notes", equalTo("Client waited 25 minutes on the line, card still blocked"));
        await().atMost(WAIT).until(() -> !InteractionRecordingTest.recordedEvents(clientId).isEmpty());
        assertThat(TopicContents.forKey(DLQ, clientId)).isEmpty();
    }

    @Test
    void aParkedTouchpointGoesToTheDlqAsItCameWithTheReasonWhenItsClientDoesNotArriveInTime() {
        String clientId = UUID.randomUUID().toString();
        String body = TestClients.touchpoint(UUID.randomUUID().toString(), clientId);
        ProducerRecord<String, String> record = submitted(clientId, body);
        String ceId = CloudEventRecords.header(record.headers(), "ce_id");
        TestClients.send(record);
        await().atMost(WAIT).until(() -> parked(clientId) == 1);

        await().atMost(WAIT).until(() -> !TopicContents.forKey(DLQ, clientId).isEmpty());
        ConsumerRecord<String, String> dead = TopicContents.forKey(DLQ, clientId).get(0);
        assertThat(CloudEventRecords.header(dead.headers(), "dead-letter-reason"))
                .startsWith("interaction-service/touchpoint-ingest: ")
                .contains("client " + clientId + " is not known");
        assertThat(CloudEventRecords.header(dead.headers(), "dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(CloudEventRecords.header(dead.headers(), "dead-letter-offset")).isNotBlank();
        assertThat(CloudEventRecords.header(dead.headers(), "ce_id")).isEqualTo(ceId);
        assertThat(CloudEventRecords.header(dead.headers(), "ce_type")).isEqualTo(SUBMITTED);
        assertThat(io.restassured.path.json.JsonPath.from(dead.value()).getString("notes"))
                .isEqualTo("Client waited 25 minutes on the line, card still blocked");
        assertThat(parked(clientId)).isZero();
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(TopicContents.forKey(DLQ, clientId)).hasSize(1);
    }

    @Test
    void aRestTouchpointForAClientOnlyParkedIsStillA404() {
        String clientId = UUID.randomUUID().toString();
        TestClients.send(submitted(clientId, TestClients.touchpoint(UUID.randomUUID().toString(), clientId)));
        await().atMost(WAIT).until(() -> parked(clientId) == 1);
        given().contentType(ContentType.JSON).body(TestClients.touchpoint(UUID.randomUUID().toString(), clientId))
                .when().post("/api/v1/interactions")
                .then().statusCode(404);
    }

    @Test
    void aParkedTouchpointSentAgainWithOtherContentGoesToTheDlqAndTheFirstIsAppliedWhenTheClientArrives() {
        String clientId = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        String at = "2026-11-27T08:30:00Z";
        TestClients.send(submitted(clientId, TestClients.touchpoint(id, clientId, "csat", 2, "occurredAt", at)));
        TestClients.send(submitted(clientId, TestClients.touchpoint(id, clientId, "csat", 2, "occurredAt", at)));
        TestClients.send(submitted(clientId, TestClients.touchpoint(id, clientId, "csat", 4, "occurredAt", at)));
        await().atMost(WAIT).until(() -> !deadLetterReasons(clientId).isEmpty());
        assertThat(deadLetterReasons(clientId)).hasSize(1);
        assertThat(deadLetterReasons(clientId).get(0)).contains(id, "other content");
        assertThat(parked(clientId)).isEqualTo(1);

        TestClients.sendRegistered(clientId);
        await().atMost(WAIT).until(() -> timelineTotal(clientId) == 1);
        given().when().get("/api/v1/interactions/{id}", id).then().body("csat", equalTo(2));
    }

    @Test
    void aTouchpointRecordedFromKafkaAndPostedAgainOverRestIsA200WithTheStoredRecord() {
        String clientId = TestClients.known();
        String id = UUID.randomUUID().toString();
        String body = TestClients.touchpoint(id, clientId, "occurredAt", "2026-11-27T08:00:00Z");
        TestClients.send(submitted(clientId, body));
        await().atMost(WAIT).until(() -> timelineTotal(clientId) == 1);
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/interactions")
                .then().statusCode(200).body("origin", equalTo("KAFKA"));
    }
}
