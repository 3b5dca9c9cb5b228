package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.EventContracts;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The needs and motives a client states at a touchpoint reach the client's profile from interaction-service's
 * crm.interaction.recorded on the real broker, through the inbox, and need-based segments select on them.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.MARKETING, Roles.ANALYST, Roles.ADMIN })
class StatedNeedsTest {
    static final String TOPIC = "crm.interaction.events.v1";
    static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaProducer<String, String> producer;

    static synchronized void send(ProducerRecord<String, String> record) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.get().bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce test record", e);
        }
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
        }
    }

    /** A crm.interaction.recorded as interaction-service publishes it; {@code needs} is the JSON of statedNeeds. */
    static String recorded(String clientId, String occurredAt, String needs) {
        String data = """
                {"interactionId": "%s", "clientId": "%s", "occurredAt": "%s", "channel": "BRANCH", "type": "ADVICE",
                 "initiator": "CLIENT", "need": "SAVINGS", "outcome": "RESOLVED", "valence": "POSITIVE", "cause": null,
                 "causeDetail": null, "csat": 5, "nps": null, "journeyId": null, "repeatContact": false,
                 "recordedAt": "%s", "statedNeeds": %s}
                """.formatted(UUID.randomUUID(), clientId, occurredAt, occurredAt, needs);
        assertThat(EventContracts.violations("contracts/interaction-service/crm.interaction.recorded.schema.json", data))
                .as("the test's event keeps interaction-service's contract").isEmpty();
        return data;
    }

    static String register() {
        return given().contentType(ContentType.JSON)
                .body("""
                        {"externalRef": "CB-%s", "type": "INDIVIDUAL", "fullName": "Need Stater", "birthDate": "%s",
                         "incomeBracket": "MIDDLE"}
                        """.formatted(UUID.randomUUID(), LocalDate.now().minusYears(33)))
                .when().post("/api/v1/clients").then().statusCode(201).extract().path("id");
    }

    static String defineSegment(String code, String condition) {
        String id = given().contentType(ContentType.JSON)
                .body("""
                        {"code": "%s", "name": "Saving for a home", "condition": %s, "expectedProducts": ["SAVINGS_ACCOUNT", "MORTGAGE"]}
                        """.formatted(code, condition))
                .when().post("/api/v1/segments").then().statusCode(201).extract().path("id");
        SegmentsTest.awaitRecomputed(id, 1);
        return id;
    }

    static List<ConsumerRecord<String, String>> segmentChanges(String clientId, String code) {
        return PublishedEvents.of(clientId, "crm.client.segment-changed").stream()
                .filter(r -> r.value().contains(code)).toList();
    }

    @Test
    void statedNeedsBecomeTheProfileAndANeedBasedSegmentSelectsTheClientAndAnOlderStatementChangesNothing() {
        String code = "HOME_SAVERS_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        defineSegment(code, "{\"statedNeed\": [\"SAVING_FOR_HOUSING\"]}");
        String id = register();
        given().when().get("/api/v1/clients/{id}", id).then().statusCode(200)
                .body("statedNeeds", nullValue()).body("segments", not(hasItem(code)));

        send(CloudEventRecords.event(TOPIC, "crm.interaction.recorded", id,
                recorded(id, "2026-11-30T10:00:00Z", "[\"SAVING_FOR_HOUSING\"]")));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/clients/{id}", id).then().extract()
                .path("statedNeeds") != null);
        given().when().get("/api/v1/clients/{id}", id).then().statusCode(200)
                .body("statedNeeds.codes", contains("SAVING_FOR_HOUSING"))
                .body("statedNeeds.statedAt", equalTo("2026-11-30T10:00:00Z"))
                .body("segments", hasItem(code));
        given().queryParam("segment", code).when().get("/api/v1/clients").then().statusCode(200)
                .body("items.id", hasItem(id));
        assertThat(PublishedEvents.json(segmentChanges(id, code).get(0).value()).get("joined").toString()).contains(code);

        // reported late: a conversation of the week before, in which the client spoke of travel only
        send(CloudEventRecords.event(TOPIC, "crm.interaction.recorded", id,
                recorded(id, "2026-11-23T10:00:00Z", "[\"TRAVEL\"]")));
        // a newer statement on the same partition, so applied after the late one
        send(CloudEventRecords.event(TOPIC, "crm.interaction.recorded", id,
                recorded(id, "2026-12-01T09:00:00Z", "[\"SAVING_FOR_HOUSING\", \"CAR\"]")));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/clients/{id}", id).then().extract()
                .<List<String>>path("statedNeeds.codes").contains("CAR"));
        given().when().get("/api/v1/clients/{id}", id).then()
                .body("statedNeeds.codes", contains("SAVING_FOR_HOUSING", "CAR"))
                .body("statedNeeds.statedAt", equalTo("2026-12-01T09:00:00Z"))
                .body("segments", hasItem(code));
        // had the older statement been taken, the client would have left the segment and joined it again
        assertThat(segmentChanges(id, code)).hasSize(1);

        // the client now states no particular need: they leave the segment
        send(CloudEventRecords.event(TOPIC, "crm.interaction.recorded", id, recorded(id, "2026-12-02T09:00:00Z", "[]")));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/clients/{id}", id).then().extract()
                .<List<String>>path("statedNeeds.codes").isEmpty());
        given().when().get("/api/v1/clients/{id}", id).then().body("segments", not(hasItem(code)));
        PublishedEvents.expect(id, "crm.client.segment-changed", 2);
    }

    @Test
    void anUnknownNeedOrAnUnknownClientGoesToTheDeadLetterTopicWithItsReason() {
        String id = register();
        String unknown = UUID.randomUUID().toString();
        send(CloudEventRecords.event(TOPIC, "crm.interaction.recorded", id, recorded(id, "2026-11-30T10:00:00Z",
                "[\"TRAVEL\"]").replace("\"TRAVEL\"", "\"YACHT\"")));
        send(CloudEventRecords.event(TOPIC, "crm.interaction.recorded", unknown,
                recorded(unknown, "2026-11-30T10:00:00Z", "[\"TRAVEL\"]")));
        String dlq = TOPIC + ".dlq";
        await().atMost(WAIT).until(() -> reasons(dlq, id).size() == 1 && reasons(dlq, unknown).size() == 1);
        assertThat(reasons(dlq, id).get(0)).startsWith("client-service/interaction-events: ").contains("YACHT");
        assertThat(reasons(dlq, unknown).get(0)).startsWith("client-service/interaction-events: ").contains("not known");
    }

    @Test
    void anErasedClientsStatementIsIgnoredAndATouchpointWithoutStatedNeedsIsSkipped() {
        String erased = register();
        given().when().delete("/api/v1/clients/{id}", erased).then().statusCode(204);
        send(CloudEventRecords.event(TOPIC, "crm.interaction.recorded", erased,
                recorded(erased, "2026-11-30T10:00:00Z", "[\"RETIREMENT\"]")));
        String id = register();
        send(CloudEventRecords.event(TOPIC, "crm.interaction.recorded", id,
                recorded(id, "2026-11-30T10:00:00Z", "null")));
        send(CloudEventRecords.event(TOPIC, "crm.interaction.recorded", id,
                recorded(id, "2026-11-29T10:00:00Z", "[\"EMERGENCY_FUND\"]")));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/clients/{id}", id).then().extract()
                .path("statedNeeds") != null);
        // the touchpoint without stated needs (newer) did not clear or date anything
        given().when().get("/api/v1/clients/{id}", id).then()
                .body("statedNeeds.codes", contains("EMERGENCY_FUND"))
                .body("statedNeeds.statedAt", equalTo("2026-11-29T10:00:00Z"));
        given().when().get("/api/v1/clients/{id}", erased).then().statusCode(410);
        assertThat(reasons(TOPIC + ".dlq", erased)).isEmpty();
    }

    static List<String> reasons(String dlq, String clientId) {
        return TopicContents.forKey(dlq, clientId).stream()
                .map(r -> CloudEventRecords.header(r.headers(), "dead-letter-reason")).toList();
    }
}
