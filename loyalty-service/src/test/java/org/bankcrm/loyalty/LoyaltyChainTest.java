package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
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
import io.restassured.path.json.JsonPath;

/**
 * The event chain on the real broker and database: client and interaction events in, scores and
 * crm.loyalty.* events out, each traced to the event that caused it.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class LoyaltyChainTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String LOYALTY_TOPIC = "crm.loyalty.events.v1";
    static KafkaProducer<String, String> producer;

    static synchronized void send(ProducerRecord<String, String> record) {
        if (producer == null) {
            var props = new java.util.Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.get().bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    static List<ConsumerRecord<String, String>> published(String clientId, String type) {
        return TopicContents.forKey(LOYALTY_TOPIC, clientId).stream()
                .filter(r -> type.equals(CloudEventRecords.header(r.headers(), "ce_type"))).toList();
    }

    static int eventsApplied(String clientId) {
        var read = given().when().get("/api/v1/read-model/clients/{id}", clientId);
        return read.statusCode() == 200 ? read.path("eventsApplied") : 0;
    }

    /**
     * Sends one event and waits until the client's read model counts {@code applied} events: each event then comes in a
     * poll of its own, so each is rescored on its own (BatchCoalescingTest covers events that share a batch).
     */
    static void sendApplied(ProducerRecord<String, String> record, int applied) {
        send(record);
        await().atMost(WAIT).until(() -> eventsApplied(record.key()) == applied);
    }

    @Test
    void aChainOfClientAndInteractionEventsMakesALoyalClientSpuriousAndSaysWhy() {
        String clientId = UUID.randomUUID().toString();
        List<String> held = List.of("CURRENT_ACCOUNT", "DEBIT_CARD", "CREDIT_CARD", "SAVINGS_ACCOUNT", "MORTGAGE", "INSURANCE");
        sendApplied(TestEvents.registered(clientId, LocalDate.now().minusYears(12)), 1);
        sendApplied(TestEvents.segmentChanged(clientId, List.of("AFFLUENT_FAMILIES")), 2);
        sendApplied(TestEvents.valueChanged(clientId, "PROFITABLE_LOW_POTENTIAL"), 3);
        sendApplied(TestEvents.productOpened(clientId, "INSURANCE", held), 4);
        YearMonth thisMonth = YearMonth.now();
        sendApplied(TestEvents.financials(clientId, thisMonth.minusMonths(2), 8000, 42), 5);
        sendApplied(TestEvents.financials(clientId, thisMonth.minusMonths(1), 8200, 45), 6);
        String[] complaints = { UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString() };
        int applied = 6;
        for (String complaint : complaints) {
            sendApplied(TestEvents.bankCausedComplaint(clientId, complaint), ++applied);
        }

        JsonPath loyalty = given().when().get("/api/v1/clients/{id}/loyalty", clientId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(loyalty.getString("type")).isEqualTo("SPURIOUS");
        assertThat(loyalty.getDouble("behavioural")).isGreaterThanOrEqualTo(80);
        assertThat(loyalty.getDouble("perceived")).isLessThan(20);
        assertThat(loyalty.getDouble("churnRisk")).as("above the test profile's raised threshold").isGreaterThan(0.08);
        assertThat(loyalty.getList("factors.text", String.class))
                .contains("3 unresolved complaints, all of them caused by the bank")
                .contains("complaints not resolved yet: 3, typical 0; raises the risk of leaving");
        assertThat(loyalty.getInt("basis.interactions")).isEqualTo(3);
        assertThat(loyalty.getInt("basis.products")).isEqualTo(6);
        assertThat(loyalty.getInt("basis.monthsOfFinancials")).isEqualTo(2);

        // registered, product, 2 × financials, 3 × complaints rescored; the segment and value changes did not
        await().atMost(WAIT).until(() -> published(clientId, "crm.loyalty.score-changed").size() == 7);
        List<ConsumerRecord<String, String>> scored = published(clientId, "crm.loyalty.score-changed");
        for (ConsumerRecord<String, String> r : scored) {
            assertThat(EventContracts.violations("contracts/crm.loyalty.score-changed.schema.json", r.value())).isEmpty();
        }
        ConsumerRecord<String, String> last = scored.get(scored.size() - 1);
        assertThat(CloudEventRecords.header(last.headers(), "ce_causationid")).isEqualTo(complaints[2]);
        assertThat(CloudEventRecords.header(last.headers(), "ce_correlationid")).isEqualTo(complaints[2]);
        assertThat(JsonPath.from(last.value()).getString("triggerEventType")).isEqualTo("crm.interaction.recorded");

        await().atMost(WAIT).until(() -> published(clientId, "crm.loyalty.churn-risk-raised").size() == 1);
        ConsumerRecord<String, String> raised = published(clientId, "crm.loyalty.churn-risk-raised").get(0);
        assertThat(EventContracts.violations("contracts/crm.loyalty.churn-risk-raised.schema.json", raised.value())).isEmpty();
        assertThat(CloudEventRecords.header(raised.headers(), "ce_causationid")).isEqualTo(complaints[2]);

        List<ConsumerRecord<String, String>> typeChanged = published(clientId, "crm.loyalty.type-changed");
        assertThat(typeChanged).hasSize(1);
        assertThat(EventContracts.violations("contracts/crm.loyalty.type-changed.schema.json", typeChanged.get(0).value())).isEmpty();
        assertThat(JsonPath.from(typeChanged.get(0).value()).getString("previousType")).isEqualTo("NONE");
        assertThat(JsonPath.from(typeChanged.get(0).value()).getString("type")).isEqualTo("SPURIOUS");

        // the last complaint delivered again changes nothing; the journey closed after it (resolved, no complaint of its
        // own open) is applied without a new score: nothing a score reads moved
        send(TestEvents.bankCausedComplaint(clientId, complaints[2]));
        send(TestEvents.journeyClosed(clientId));
        await().atMost(WAIT).until(() -> eventsApplied(clientId) == 10);
        assertThat(given().when().get("/api/v1/clients/{id}/loyalty", clientId).jsonPath().getInt("basis.interactions"))
                .isEqualTo(3);
        await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> published(clientId, "crm.loyalty.score-changed").size() == 7);
        assertThat(published(clientId, "crm.loyalty.churn-risk-raised")).hasSize(1);

        JsonPath history = given().when().get("/api/v1/clients/{id}/loyalty/history", clientId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("changes")).hasSizeBetween(6, 8);
        assertThat(history.getString("changes[0].type")).isEqualTo("SPURIOUS");
        assertThat(history.getString("changes[-1].triggerEventType")).isEqualTo("crm.client.registered");

        JsonPath distribution = given().queryParam("segment", "AFFLUENT_FAMILIES").when().get("/api/v1/loyalty/distribution")
                .then().statusCode(200).extract().jsonPath();
        assertThat(distribution.getInt("clients")).isEqualTo(1);
        assertThat(distribution.getInt("types.SPURIOUS")).isEqualTo(1);
        assertThat(distribution.getList("perceived.counts", Integer.class).get(0)).isEqualTo(1);
        JsonPath inQuadrant = given().queryParam("segment", "AFFLUENT_FAMILIES").queryParam("quadrant", "PROFITABLE_LOW_POTENTIAL")
                .when().get("/api/v1/loyalty/distribution").then().statusCode(200).extract().jsonPath();
        assertThat(inQuadrant.getInt("clients")).isEqualTo(1);
        JsonPath otherQuadrant = given().queryParam("segment", "AFFLUENT_FAMILIES").queryParam("quadrant", "PROFITABLE_HIGH_POTENTIAL")
                .when().get("/api/v1/loyalty/distribution").then().statusCode(200).extract().jsonPath();
        assertThat(otherQuadrant.getInt("clients")).isZero();
    }

    @Test
    void anEventForAClientNotKnownYetIsParkedUntilTheClientArrives() {
        String clientId = UUID.randomUUID().toString();
        var survey = TestEvents.surveyAnswer(clientId, 10);
        String surveyId = CloudEventRecords.header(survey.headers(), "ce_id");
        send(survey);
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/read-model/clients/{id}/parked", clientId)
                .jsonPath().getInt("parkedEvents") == 1);
        given().when().get("/api/v1/clients/{id}/loyalty", clientId).then().statusCode(404);

        var registered = TestEvents.registered(clientId, LocalDate.now().minusDays(10));
        sendApplied(registered, 2); // the registration and the survey that waited for it
        sendApplied(TestEvents.productOpened(clientId, "CURRENT_ACCOUNT", List.of("CURRENT_ACCOUNT")), 3);
        given().when().get("/api/v1/read-model/clients/{id}/parked", clientId).then().body("parkedEvents", equalTo(0));
        JsonPath loyalty = given().when().get("/api/v1/clients/{id}/loyalty", clientId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(loyalty.getString("type")).isEqualTo("LATENT");
        assertThat(loyalty.getInt("basis.interactions")).isEqualTo(1);

        // applied right after the registration it waited for, in the registration's transaction: one rescoring for both
        await().atMost(WAIT).until(() -> published(clientId, "crm.loyalty.score-changed").size() == 2);
        ConsumerRecord<String, String> first = published(clientId, "crm.loyalty.score-changed").get(0);
        assertThat(JsonPath.from(first.value()).getList("causedBy", String.class))
                .containsExactly(CloudEventRecords.header(registered.headers(), "ce_id"), surveyId);
        assertThat(CloudEventRecords.header(first.headers(), "ce_causationid")).isEqualTo(surveyId);
    }

    @Test
    void anEventWhoseClientDoesNotArriveInTimeGoesToTheDeadLetterTopicAsItCameWithTheReason() {
        String clientId = UUID.randomUUID().toString();
        var survey = TestEvents.surveyAnswer(clientId, 6);
        String surveyId = CloudEventRecords.header(survey.headers(), "ce_id");
        send(survey);
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/read-model/clients/{id}/parked", clientId)
                .jsonPath().getInt("parkedEvents") == 1);
        // %test max-wait is 20 s
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TopicContents.forKey("crm.interaction.events.v1.dlq", clientId).size() == 1);
        ConsumerRecord<String, String> dead = TopicContents.forKey("crm.interaction.events.v1.dlq", clientId).get(0);
        assertThat(CloudEventRecords.header(dead.headers(), "ce_id")).isEqualTo(surveyId);
        assertThat(CloudEventRecords.header(dead.headers(), "ce_type")).isEqualTo("crm.interaction.recorded");
        assertThat(CloudEventRecords.header(dead.headers(), "dead-letter-reason"))
                .startsWith("loyalty-service/interaction-events: client " + clientId + " is not known");
        assertThat(CloudEventRecords.header(dead.headers(), "dead-letter-topic")).isEqualTo("crm.interaction.events.v1");
        assertThat(JsonPath.from(dead.value()).getInt("nps")).isEqualTo(6);
        given().when().get("/api/v1/read-model/clients/{id}/parked", clientId).then().body("parkedEvents", equalTo(0));
    }

    @Test
    void anErasedClientsScoresHistoryAndReadModelAreGoneAndLaterEventsAreDropped() {
        String clientId = UUID.randomUUID().toString();
        send(TestEvents.registered(clientId, LocalDate.now().minusYears(3)));
        send(TestEvents.surveyAnswer(clientId, 8));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/clients/{id}/loyalty", clientId).statusCode() == 200
                && given().when().get("/api/v1/clients/{id}/loyalty", clientId).jsonPath().getInt("basis.interactions") == 1);

        send(TestEvents.erased(clientId));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/read-model/clients/{id}", clientId).statusCode() == 404);
        given().when().get("/api/v1/clients/{id}/loyalty", clientId).then().statusCode(404);
        given().when().get("/api/v1/clients/{id}/loyalty/history", clientId).then().statusCode(404);

        var late = TestEvents.surveyAnswer(clientId, 3);
        send(late);
        send(TestEvents.registered(clientId, LocalDate.now().minusYears(3)));
        // both were consumed (the inbox claimed them) but neither brought the client back
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        given().when().get("/api/v1/read-model/clients/{id}/parked", clientId).then().body("parkedEvents", equalTo(0));
        given().when().get("/api/v1/read-model/clients/{id}", clientId).then().statusCode(404);
    }

    @Test
    void anUnknownClientIsA404Problem() {
        String unknown = UUID.randomUUID().toString();
        given().when().get("/api/v1/clients/{id}/loyalty", unknown).then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No loyalty score of client with id " + unknown));
        given().when().get("/api/v1/clients/{id}/loyalty/history", unknown).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
