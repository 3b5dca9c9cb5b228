package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import java.time.YearMonth;
import java.time.ZoneOffset;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.offer.domain.NextBestAction;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.eclipse.microprofile.config.ConfigProvider;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.EventContracts;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The decision point on the real broker and database: events in, decisions and responses out. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class NextBestActionChainTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String OFFER_TOPIC = "crm.offer.events.v1";
    static final Set<String> MARKETING = Set.of("SALES", "RETENTION", "TARIFF", "SERVICE_LEVEL");
    static final String ALL_CONSENTS = TestEvents.consents(true, true, true, true, true);

    static List<ConsumerRecord<String, String>> published(String clientId, String type) {
        return TopicContents.forKey(OFFER_TOPIC, clientId).stream()
                .filter(r -> type.equals(CloudEventRecords.header(r.headers(), "ce_type"))).toList();
    }

    static int eventsApplied(String clientId) {
        var read = given().when().get("/api/v1/read-model/clients/{id}", clientId);
        return read.statusCode() == 200 ? read.path("eventsApplied") : 0;
    }

    /** A client id in (or out of) this month's control group, at the configured share. */
    static String clientId(boolean inControlGroup) {
        double share = ConfigProvider.getConfig().getValue("crm.offer.control-group.share", Double.class);
        while (true) {
            UUID id = UUID.randomUUID();
            if (NextBestAction.inControlGroup(id, YearMonth.now(ZoneOffset.UTC), share) == inControlGroup) {
                return id.toString();
            }
        }
    }

    /** A client of 35-44 with a current account and a debit card, every consent, DEVELOP strategy; not in the control group. */
    static String knownClient() {
        return knownClient(clientId(false));
    }

    static String knownClient(String clientId) {
        TestEvents.send(TestEvents.registered(clientId, "AGE_35_44", ALL_CONSENTS));
        TestEvents.send(TestEvents.productOpened(clientId, "DEBIT_CARD", List.of("CURRENT_ACCOUNT", "DEBIT_CARD")));
        TestEvents.send(TestEvents.valueChanged(clientId, "PROFITABLE_HIGH_POTENTIAL", "DEVELOP"));
        await().atMost(WAIT).until(() -> eventsApplied(clientId) == 3);
        return clientId;
    }

    static JsonPath decide(String clientId, String channel, int limit) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "channel", channel, "limit", limit))
                .when().post("/api/v1/decisions").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void anInteractionEventYieldsOneDecidedEventTracedToItAndTheLoyaltyScoreARefinedOne() {
        String clientId = knownClient();
        String touchpoint = UUID.randomUUID().toString();
        TestEvents.send(TestEvents.interaction(touchpoint, clientId,
                TestEvents.recorded(clientId, "BRANCH", "INQUIRY", "RESOLVED", "POSITIVE", null)));
        await().atMost(WAIT).until(() -> published(clientId, "crm.offer.decided").size() == 1);
        ConsumerRecord<String, String> decided = published(clientId, "crm.offer.decided").get(0);
        assertThat(CloudEventRecords.header(decided.headers(), "ce_causationid")).isEqualTo(touchpoint);
        assertThat(CloudEventRecords.header(decided.headers(), "ce_correlationid")).isEqualTo(touchpoint);
        assertThat(EventContracts.violations("contracts/crm.offer.decided.schema.json", decided.value())).isEmpty();
        JsonPath data = JsonPath.from(decided.value());
        assertThat(data.getString("trigger.type")).isEqualTo("INTERACTION");
        assertThat(data.getString("trigger.eventId")).isEqualTo(touchpoint);
        assertThat(data.getString("channel")).isEqualTo("BRANCH");
        assertThat(data.getList("actions")).isNotEmpty();
        assertThat(decided.value()).doesNotContain("fullName", "email", "phone", "birthDate");

        var latest = given().when().get("/api/v1/clients/{id}/next-best-actions", clientId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(latest.getString("decisionId")).isEqualTo(data.getString("decisionId"));
        assertThat(latest.getMap("actions[0].components")).containsKeys("propensity", "value", "context", "lever");

        String score = UUID.randomUUID().toString();
        var scoreChanged = CloudEventRecords.event(TestEvents.LOYALTY_TOPIC, score, "crm.loyalty.score-changed", clientId,
                TestEvents.scoreChanged(clientId, "SPURIOUS", 0.45));
        scoreChanged.headers().add("ce_causationid", touchpoint.getBytes());
        scoreChanged.headers().add("ce_correlationid", touchpoint.getBytes());
        TestEvents.send(scoreChanged);
        await().atMost(WAIT).until(() -> published(clientId, "crm.offer.decided").size() == 2);
        ConsumerRecord<String, String> refined = published(clientId, "crm.offer.decided").get(1);
        assertThat(CloudEventRecords.header(refined.headers(), "ce_causationid")).isEqualTo(score);
        assertThat(CloudEventRecords.header(refined.headers(), "ce_correlationid")).isEqualTo(touchpoint);
        JsonPath refinedData = JsonPath.from(refined.value());
        assertThat(refinedData.getString("trigger.type")).isEqualTo("LOYALTY_SCORE");
        assertThat(refinedData.getString("channel")).as("the client's latest channel").isEqualTo("BRANCH");
        assertThat(refinedData.getList("actions.category", String.class)).as("SPURIOUS with churn risk 45 %").contains("RETENTION");
    }

    /**
     * A new score that moved only behavioural or perceived loyalty, which no decision reads, goes into the read model
     * without a refined decision; one that moves the churn risk (or the loyalty type) is decided on again.
     */
    @Test
    void aScoreThatMovedNothingADecisionReadsCausesNoRefinedDecision() {
        String clientId = knownClient();
        TestEvents.send(CloudEventRecords.event(TestEvents.LOYALTY_TOPIC, "crm.loyalty.score-changed", clientId,
                TestEvents.scoreChanged(clientId, "SPURIOUS", 0.45, 80.0, 20.0)));
        await().atMost(WAIT).until(() -> published(clientId, "crm.offer.decided").size() == 1);
        double undecided = undecidedScores();

        TestEvents.send(CloudEventRecords.event(TestEvents.LOYALTY_TOPIC, "crm.loyalty.score-changed", clientId,
                TestEvents.scoreChanged(clientId, "SPURIOUS", 0.45, 64.5, 31.0)));
        await().atMost(WAIT).until(() -> eventsApplied(clientId) == 5);
        var read = given().when().get("/api/v1/read-model/clients/{id}", clientId).then().statusCode(200).extract().jsonPath();
        assertThat(read.getDouble("behavioural")).isEqualTo(64.5);
        assertThat(read.getDouble("perceived")).isEqualTo(31.0);
        await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> published(clientId, "crm.offer.decided").size() == 1);
        assertThat(undecidedScores()).isEqualTo(undecided + 1);

        String moved = UUID.randomUUID().toString();
        TestEvents.send(CloudEventRecords.event(TestEvents.LOYALTY_TOPIC, moved, "crm.loyalty.score-changed", clientId,
                TestEvents.scoreChanged(clientId, "SPURIOUS", 0.62, 64.5, 31.0)));
        await().atMost(WAIT).until(() -> published(clientId, "crm.offer.decided").size() == 2);
        JsonPath refined = JsonPath.from(published(clientId, "crm.offer.decided").get(1).value());
        assertThat(refined.getString("trigger.type")).isEqualTo("LOYALTY_SCORE");
        assertThat(refined.getString("trigger.eventId")).isEqualTo(moved);
        assertThat(undecidedScores()).isEqualTo(undecided + 1);
    }

    private static double undecidedScores() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("crm_offer_scores_undecided_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aNegativeBankCausedComplaintMakesServiceRecoveryTheTopActionAndRemovesSales() {
        String clientId = knownClient();
        assertThat(decide(clientId, "CALL_CENTER", 10).getList("actions.category", String.class)).contains("SALES");

        TestEvents.send(TestEvents.interaction(UUID.randomUUID().toString(), clientId,
                TestEvents.recorded(clientId, "CALL_CENTER", "COMPLAINT", "UNRESOLVED", "NEGATIVE", "BANK")));
        await().atMost(WAIT).until(() -> published(clientId, "crm.offer.decided").stream()
                .anyMatch(r -> r.value().contains("\"INTERACTION\"")));
        JsonPath chain = JsonPath.from(published(clientId, "crm.offer.decided").stream()
                .filter(r -> r.value().contains("\"INTERACTION\"")).findFirst().orElseThrow().value());
        assertThat(chain.getString("actions[0].category")).isEqualTo("SERVICE_RECOVERY");
        assertThat(chain.getList("actions.category", String.class)).doesNotContain("SALES");

        JsonPath latest = given().when().get("/api/v1/clients/{id}/next-best-actions", clientId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(latest.getString("trigger.type")).isEqualTo("INTERACTION");
        assertThat(latest.getString("actions[0].category")).isEqualTo("SERVICE_RECOVERY");

        JsonPath atTheCounter = decide(clientId, "BRANCH", 10);
        assertThat(atTheCounter.getString("actions[0].category")).isEqualTo("SERVICE_RECOVERY");
        assertThat(atTheCounter.getList("actions.category", String.class)).doesNotContain("SALES");
        assertThat(given().when().get("/api/v1/read-model/clients/{id}", clientId).then().extract().jsonPath()
                .getInt("openComplaints")).isEqualTo(1);
    }

    @Test
    void withdrawnConsentRemovesMarketingActions() {
        String clientId = knownClient();
        // limit 1: one sales presentation, well under the weekly cap
        assertThat(decide(clientId, "CALL_CENTER", 1).getList("actions.category", String.class))
                .anyMatch(MARKETING::contains);
        TestEvents.send(TestEvents.consentChanged(clientId, TestEvents.consents(true, true, true, false, true)));
        await().atMost(WAIT).until(() -> eventsApplied(clientId) == 4);
        JsonPath after = decide(clientId, "CALL_CENTER", 10);
        assertThat(after.getList("actions.category", String.class)).noneMatch(MARKETING::contains);
        assertThat(decide(clientId, "EMAIL", 1).getList("actions.category", String.class)).as("e-mail consent stands")
                .anyMatch(MARKETING::contains);
    }

    @Test
    void aDeclinedOfferIsNotOfferedAgainWithinTheCooldownAndResponsesAreIdempotent() {
        String clientId = knownClient();
        JsonPath first = decide(clientId, "BRANCH", 1);
        String decisionId = first.getString("decisionId");
        String offerId = first.getString("actions[0].offerId");
        long modelVersion = first.getLong("modelVersion");

        given().contentType(ContentType.JSON).body(Map.of("offerId", offerId, "outcome", "DECLINED"))
                .when().post("/api/v1/decisions/{id}/responses", decisionId).then().statusCode(201)
                .body("outcome", equalTo("DECLINED"));
        given().contentType(ContentType.JSON).body(Map.of("offerId", offerId, "outcome", "DECLINED"))
                .when().post("/api/v1/decisions/{id}/responses", decisionId).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("offerId", offerId, "outcome", "ACCEPTED"))
                .when().post("/api/v1/decisions/{id}/responses", decisionId).then().statusCode(409)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("offerId", UUID.randomUUID().toString(), "outcome", "ACCEPTED"))
                .when().post("/api/v1/decisions/{id}/responses", decisionId).then().statusCode(422)
                .contentType("application/problem+json").body("title", equalTo("Unprocessable Content"));
        given().contentType(ContentType.JSON).body(Map.of("offerId", offerId, "outcome", "ACCEPTED"))
                .when().post("/api/v1/decisions/{id}/responses", UUID.randomUUID()).then().statusCode(404);

        JsonPath again = decide(clientId, "BRANCH", 10);
        assertThat(again.getList("actions.offerId", String.class)).isNotEmpty().doesNotContain(offerId);
        assertThat(again.getLong("modelVersion")).as("the decline was learnt").isGreaterThan(modelVersion);

        await().atMost(WAIT).until(() -> published(clientId, "crm.offer.responded").size() == 1);
        await().atMost(WAIT).until(() -> published(clientId, "crm.offer.decided").size() == 2);
        assertThat(published(clientId, "crm.offer.responded")).hasSize(1);
        String responded = published(clientId, "crm.offer.responded").get(0).value();
        assertThat(EventContracts.violations("contracts/crm.offer.responded.schema.json", responded)).isEmpty();
        assertThat(JsonPath.from(responded).getString("offerId")).isEqualTo(offerId);
        assertThat(JsonPath.from(responded).getString("channel")).isEqualTo("BRANCH");
        for (var decided : published(clientId, "crm.offer.decided")) {
            assertThat(EventContracts.violations("contracts/crm.offer.decided.schema.json", decided.value())).isEmpty();
        }

        JsonPath audit = given().when().get("/api/v1/decisions/{id}/audit", decisionId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(audit.getString("inputs.client.ageBand")).isEqualTo("AGE_35_44");
        assertThat(audit.getList("inputs.client.heldProducts", String.class)).contains("CURRENT_ACCOUNT", "DEBIT_CARD");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> policies = (List<Map<String, Object>>) audit.getMap("inputs.policyResults").get(offerId);
        assertThat(policies).extracting(r -> r.get("policy")).contains("RequiresMarketingConsent", "ReofferCooldown");
        assertThat(audit.getList("featureNames")).hasSameSizeAs(audit.getList("inputs.features"));
        assertThat(given().when().get("/api/v1/offers/{id}/model", offerId).then().statusCode(200).extract().jsonPath()
                .getLong("observations")).isPositive();

        JsonPath performance = given().when().get("/api/v1/offers/performance").then().statusCode(200).extract().jsonPath();
        assertThat(performance.getList("byChannel.key", String.class)).contains("BRANCH");
        assertThat(performance.getLong("uplift.modelResponses")).isPositive();
    }

    @Test
    void anErasedClientLosesReadModelAndDecisionsAndGetsNoNewOnes() {
        String clientId = knownClient();
        decide(clientId, "BRANCH", 3);
        TestEvents.send(TestEvents.erased(clientId));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/read-model/clients/{id}", clientId).statusCode() == 404);
        given().when().get("/api/v1/clients/{id}/next-best-actions", clientId).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("clientId", clientId, "channel", "BRANCH"))
                .when().post("/api/v1/decisions").then().statusCode(410).contentType("application/problem+json");
        TestEvents.send(TestEvents.interaction(UUID.randomUUID().toString(), clientId,
                TestEvents.recorded(clientId, "BRANCH", "INQUIRY", "RESOLVED", "POSITIVE", null)));
        TestEvents.send(TestEvents.registered(UUID.randomUUID().toString(), "AGE_25_34", ALL_CONSENTS));
        await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> given().when().get("/api/v1/read-model/clients/{id}", clientId).statusCode() == 404);
    }

    @Test
    void theReasonTheChannelGivesWeighsTheActionsThatAnswerItAndIsAudited() {
        String clientId = knownClient();
        JsonPath decision = given().contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "channel", "BRANCH", "limit", 10, "context", Map.of("reason", "PRODUCT_INQUIRY")))
                .when().post("/api/v1/decisions").then().statusCode(201).extract().jsonPath();
        List<Map<String, Object>> actions = decision.getList("actions");
        assertThat(actions).anyMatch(a -> "SALES".equals(a.get("category")));
        for (Map<String, Object> action : actions) {
            boolean answers = "SALES".equals(action.get("category"));
            assertThat(((List<?>) action.get("reasons")).stream().anyMatch(r -> r.toString().contains("PRODUCT_INQUIRY")))
                    .isEqualTo(answers);
        }
        given().when().get("/api/v1/decisions/{id}/audit", decision.getString("decisionId")).then().statusCode(200)
                .body("inputs.contactReason", equalTo("PRODUCT_INQUIRY"));
        given().contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "channel", "BRANCH", "context", Map.of("reason", "BOREDOM")))
                .when().post("/api/v1/decisions").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anInvalidDecisionRequestIsAProblem() {
        given().contentType(ContentType.JSON).body(Map.of("clientId", UUID.randomUUID().toString(), "channel", "PIGEON"))
                .when().post("/api/v1/decisions").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("clientId", UUID.randomUUID().toString(), "channel", "BRANCH", "limit", 0))
                .when().post("/api/v1/decisions").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
    }
}
