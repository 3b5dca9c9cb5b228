package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Offers presented and answered, produced by offer-service on the real broker, in the client's timeline. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class OfferTimelineTest {
    static final String TOPIC = "crm.offer.events.v1";
    static final String INTERACTION_TOPIC = "crm.interaction.events.v1";

    static String decided(String decisionId, String clientId, String trigger, String channel) {
        String eventId = "REQUEST".equals(trigger) ? "null" : "\"" + UUID.randomUUID() + "\"";
        String eventType = "REQUEST".equals(trigger) ? "null"
                : "INTERACTION".equals(trigger) ? "\"crm.interaction.recorded\"" : "\"crm.loyalty.score-changed\"";
        return """
                {"decisionId": "%s", "clientId": "%s",
                 "trigger": {"type": "%s", "eventId": %s, "eventType": %s},
                 "channel": "%s", "controlGroup": false,
                 "actions": [
                   {"rank": 1, "offerId": "00000000-0000-4000-8000-000000000101", "offerCode": "GOLD_CARD", "category": "SALES",
                    "productType": "CREDIT_CARD", "score": 0.4, "components": {"propensity": 0.4, "value": 1.0, "context": 1.0, "lever": 1.0},
                    "reasons": ["propensity 0.400"]},
                   {"rank": 2, "offerId": "00000000-0000-4000-8000-000000000301", "offerCode": "APOLOGY_CALL", "category": "SERVICE_RECOVERY",
                    "productType": null, "score": 0.2, "components": {"propensity": 0.2, "value": 1.0, "context": 1.0, "lever": 1.0},
                    "reasons": []}],
                 "catalogueVersion": 3, "modelVersion": 0, "decidedAt": "%s"}
                """.formatted(decisionId, clientId, trigger, eventId, eventType, channel, Instant.now().minusSeconds(30));
    }

    static String responded(String responseId, String decisionId, String clientId, String outcome) {
        return """
                {"responseId": "%s", "decisionId": "%s", "clientId": "%s",
                 "offerId": "00000000-0000-4000-8000-000000000101", "offerCode": "GOLD_CARD", "category": "SALES",
                 "productType": "CREDIT_CARD", "channel": "BRANCH", "outcome": "%s", "controlGroup": false,
                 "respondedAt": "%s"}
                """.formatted(responseId, decisionId, clientId, outcome, Instant.now().minusSeconds(10));
    }

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private long inboxEntries(String... ceIds) {
        return pool.preparedQuery("select count(*) from inbox_event where consumer = $1 and event_id = any($2)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of("interaction-service/offer-events", ceIds))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private static String ceId(org.apache.kafka.clients.producer.ProducerRecord<String, String> record) {
        return new String(record.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonPath timeline(String clientId, String... query) {
        var request = given();
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.when().get("/api/v1/clients/{id}/interactions", clientId)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRequestedDecisionAndItsResponseAppearOnceEachAndAnEventTriggeredDecisionNot() {
        String clientId = TestClients.known();
        // a segment of this client alone, so that the CX counters of its touchpoints can be read apart
        String segment = "OFFER_TIMELINE_" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        TestClients.send(CloudEventRecords.event(TestClients.CLIENT_TOPIC, "crm.client.segment-changed", clientId, """
                {"clientId": "%s", "segments": ["%s"], "joined": ["%s"], "left": [], "changedAt": "%s"}
                """.formatted(clientId, segment, segment, Instant.now())));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().when().get("/api/v1/read-model/clients/{id}", clientId)
                .then().extract().jsonPath().getList("segments").size() == 1);
        String decisionId = UUID.randomUUID().toString();
        String responseId = UUID.randomUUID().toString();
        String decidedEvent = decided(decisionId, clientId, "REQUEST", "BRANCH");
        String respondedEvent = responded(responseId, decisionId, clientId, "ACCEPTED");

        var chainDecision = CloudEventRecords.event(TOPIC, "crm.offer.decided", clientId,
                decided(UUID.randomUUID().toString(), clientId, "INTERACTION", "CALL_CENTER"));
        var chainRefined = CloudEventRecords.event(TOPIC, "crm.offer.decided", clientId,
                decided(UUID.randomUUID().toString(), clientId, "LOYALTY_SCORE", "MOBILE_APP"));
        var requested = CloudEventRecords.event(TOPIC, "crm.offer.decided", clientId, decidedEvent);
        TestClients.send(chainDecision);
        TestClients.send(chainRefined);
        TestClients.send(requested);
        TestClients.send(CloudEventRecords.event(TOPIC, "crm.offer.responded", clientId, respondedEvent));
        // offer-service's topic replayed: the same facts under new ce_ids record nothing twice
        TestClients.send(CloudEventRecords.event(TOPIC, "crm.offer.decided", clientId, decidedEvent));
        TestClients.send(CloudEventRecords.event(TOPIC, "crm.offer.responded", clientId, respondedEvent));
        TestClients.send(CloudEventRecords.event(TOPIC, "crm.offer.decided", clientId,
                decided(UUID.randomUUID().toString(), clientId, "INTERACTION", "CHAT")));
        String lastId = UUID.randomUUID().toString();
        TestClients.send(CloudEventRecords.event(TOPIC, "crm.offer.responded", clientId,
                responded(lastId, decisionId, clientId, "IGNORED")));
        await().atMost(Duration.ofSeconds(20)).until(() -> timeline(clientId, "type", "OFFER_RESPONSE").getInt("total") == 2);

        // a contact of the client after them: the outbox publishes a client's events in order, so once its
        // crm.interaction.recorded is out, any the offers had caused would be out too
        String contactId = UUID.randomUUID().toString();
        given().contentType("application/json").body(TestClients.touchpoint(contactId, clientId))
                .when().post("/api/v1/interactions").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> !recorded(clientId).isEmpty());
        List<ConsumerRecord<String, String>> recorded = recorded(clientId);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).value()).contains(contactId);

        // the chain's decisions were acknowledged without a transaction: no inbox entry; the one shown has its entry
        assertThat(inboxEntries(ceId(chainDecision), ceId(chainRefined))).isZero();
        assertThat(inboxEntries(ceId(requested))).isEqualTo(1);

        JsonPath all = timeline(clientId);
        assertThat(all.getInt("total")).as("one presentation, two responses, one contact").isEqualTo(4);

        JsonPath presented = timeline(clientId, "type", "OFFER_PRESENTED");
        assertThat(presented.getInt("total")).isEqualTo(1);
        assertThat(presented.getString("items[0].channel")).isEqualTo("BRANCH");
        assertThat(presented.getString("items[0].initiator")).isEqualTo("BANK");
        assertThat(presented.getString("items[0].need")).isEqualTo("CARDS");
        assertThat(presented.getString("items[0].outcome")).isEqualTo("PENDING");
        assertThat(presented.getString("items[0].valence")).isEqualTo("NEUTRAL");
        assertThat(presented.getString("items[0].origin")).isEqualTo("OFFER_EVENTS");
        assertThat(presented.getString("items[0].decisionId")).isEqualTo(decisionId);
        assertThat(presented.getString("items[0].notes")).isNull();
        assertThat(presented.getString("items[0].journeyId")).isNull();
        assertThat(presented.getList("items[0].offers.offerCode")).containsExactly("GOLD_CARD", "APOLOGY_CALL");
        assertThat(presented.getList("items[0].offers.category")).containsExactly("SALES", "SERVICE_RECOVERY");

        JsonPath answers = timeline(clientId, "type", "OFFER_RESPONSE");
        assertThat(answers.getList("items.initiator")).containsOnly("CLIENT");
        assertThat(List.of(answers.getString("items[0].offers[0].response"), answers.getString("items[1].offers[0].response")))
                .as("newest first").containsExactly("IGNORED", "ACCEPTED");
        assertThat(answers.getList("items.outcome", String.class)).containsExactly("UNRESOLVED", "RESOLVED");
        assertThat(answers.getList("items.valence", String.class)).containsExactly("NEUTRAL", "POSITIVE");
        assertThat(answers.getList("items.decisionId", String.class)).containsOnly(decisionId);

        // no experience of a need: only the contact counts in the CX metrics and forms a journey
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(CxMetricsTest.metrics("from=" + today.minusDays(1) + "&to=" + today + "&segment=" + segment)
                .getInt("total.touchpoints")).isEqualTo(1);
        assertThat(given().when().get("/api/v1/clients/{id}/journeys", clientId).then().statusCode(200)
                .extract().jsonPath().getInt("total")).isEqualTo(1);
    }

    @Test
    void anOfferOfAClientNotKnownIsTriedAgainThenDeadLetteredWithTheReason() {
        String clientId = UUID.randomUUID().toString();
        TestClients.send(CloudEventRecords.event(TOPIC, "crm.offer.responded", clientId,
                responded(UUID.randomUUID().toString(), UUID.randomUUID().toString(), clientId, "ACCEPTED")));
        await().atMost(Duration.ofSeconds(40)).until(() -> !TopicContents.forKey(TOPIC + ".dlq", clientId).isEmpty());
        ConsumerRecord<String, String> dead = TopicContents.forKey(TOPIC + ".dlq", clientId).get(0);
        assertThat(CloudEventRecords.header(dead.headers(), "dead-letter-reason"))
                .startsWith("interaction-service/offer-events: ").contains("is not known");
        assertThat(CloudEventRecords.header(dead.headers(), "ce_type")).isEqualTo("crm.offer.responded");
    }

    /**
     * A channel's decision is read whole once, when it is recorded: one without actions is acknowledged without a
     * transaction, one with a broken action goes to the DLQ with the field and the reason, and neither is shown.
     */
    @Test
    void aRequestWithoutActionsIsNotShownAndOneWithABrokenActionIsDeadLetteredWithTheReason() {
        String clientId = TestClients.known();
        String empty = decided(UUID.randomUUID().toString(), clientId, "REQUEST", "BRANCH")
                .replaceAll("(?s)\\[\\s*\\{\"rank\".*\\}]", "[]");
        assertThat(empty).contains("\"actions\": []");
        var withoutActions = CloudEventRecords.event(TOPIC, "crm.offer.decided", clientId, empty);
        String brokenId = UUID.randomUUID().toString();
        var broken = CloudEventRecords.event(TOPIC, "crm.offer.decided", clientId,
                decided(brokenId, clientId, "REQUEST", "BRANCH").replace("\"GOLD_CARD\"", "\"gold card\""));
        TestClients.send(withoutActions);
        TestClients.send(broken);

        await().atMost(Duration.ofSeconds(40)).until(() -> !TopicContents.forKey(TOPIC + ".dlq", clientId).isEmpty());
        ConsumerRecord<String, String> dead = TopicContents.forKey(TOPIC + ".dlq", clientId).get(0);
        assertThat(CloudEventRecords.header(dead.headers(), "ce_id")).isEqualTo(ceId(broken));
        assertThat(CloudEventRecords.header(dead.headers(), "dead-letter-reason"))
                .startsWith("interaction-service/offer-events: ").contains("offerCode");
        assertThat(inboxEntries(ceId(withoutActions))).isZero();
        assertThat(timeline(clientId, "type", "OFFER_PRESENTED").getInt("total")).isZero();
    }

    private static List<ConsumerRecord<String, String>> recorded(String clientId) {
        return TopicContents.forKey(INTERACTION_TOPIC, clientId).stream()
                .filter(r -> "crm.interaction.recorded".equals(CloudEventRecords.header(r.headers(), "ce_type")))
                .toList();
    }
}
