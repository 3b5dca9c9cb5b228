package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Through the REST API on the real broker and database: no model is applied to a client without profiling consent and
 * their answers teach none; a need the client stated (interaction-service's event) makes an offer eligible.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class ProfilingConsentAndStatedNeedsTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** HOME_PURCHASE_ADVICE of the default catalogue (V5): eligible on the stated need SAVING_FOR_HOUSING. */
    static final String HOME_PURCHASE_ADVICE = "00000000-0000-4000-8000-000000000109";

    static JsonPath decide(String clientId, String channel) {
        return given().contentType(ContentType.JSON).body(Map.of("clientId", clientId, "channel", channel, "limit", 10))
                .when().post("/api/v1/decisions").then().statusCode(201).extract().jsonPath();
    }

    static JsonPath audit(String decisionId) {
        return given().when().get("/api/v1/decisions/{id}/audit", decisionId).then().statusCode(200).extract().jsonPath();
    }

    static long observations(String offerId) {
        return ((Number) given().when().get("/api/v1/offers/{id}/model", offerId).then().statusCode(200).extract()
                .path("observations")).longValue();
    }

    @Test
    void withoutProfilingConsentTheDecisionIsRuleBasedSaysSoAndItsAnswersTeachNoModel() {
        String clientId = NextBestActionChainTest.clientId(false);
        TestEvents.send(TestEvents.registered(clientId, "AGE_45_54", TestEvents.consents(true, true, true, true, false)));
        TestEvents.send(TestEvents.productOpened(clientId, "SAVINGS_ACCOUNT", List.of("CURRENT_ACCOUNT", "SAVINGS_ACCOUNT")));
        TestEvents.send(TestEvents.valueChanged(clientId, "PROFITABLE_LOW_POTENTIAL", "RETAIN"));
        TestEvents.send(CloudEventRecords.event(TestEvents.LOYALTY_TOPIC, "crm.loyalty.score-changed", clientId,
                TestEvents.scoreChanged(clientId, "SPURIOUS", 0.45)));
        await().atMost(WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 4);

        JsonPath decision = decide(clientId, "CALL_CENTER");
        List<Map<String, Object>> actions = decision.getList("actions");
        assertThat(actions).isNotEmpty();
        for (int i = 0; i < actions.size(); i++) {
            assertThat(decision.getString("actions[" + i + "].components.propensityBasis")).isEqualTo("OFFER_PRIOR");
            assertThat(decision.getString("actions[" + i + "].reasons[0]")).contains("no profiling consent");
            String offerId = decision.getString("actions[" + i + "].offerId");
            JsonPath offer = given().when().get("/api/v1/offers/{id}", offerId).then().statusCode(200).extract().jsonPath();
            double prior = offer.getDouble("priorAccepted") / (offer.getDouble("priorAccepted") + offer.getDouble("priorDeclined"));
            assertThat(decision.getDouble("actions[" + i + "].components.propensity")).isCloseTo(prior, org.assertj.core.api.Assertions.within(1e-6));
        }
        assertThat(decision.getList("actions.offerCode", String.class)).as("eligible only on churn risk or loyalty type")
                .doesNotContain("RETENTION_CALL", "LOYALTY_RATE_BONUS");
        JsonPath audit = audit(decision.getString("decisionId"));
        assertThat(audit.getString("inputs.features")).isNull();
        assertThat(audit.getString("inputs.client.churnRisk")).isNull();
        assertThat(audit.getString("inputs.client.loyaltyType")).isNull();

        String offerId = decision.getString("actions[0].offerId");
        long before = observations(offerId);
        given().contentType(ContentType.JSON).body(Map.of("offerId", offerId, "outcome", "ACCEPTED"))
                .when().post("/api/v1/decisions/{id}/responses", decision.getString("decisionId")).then().statusCode(201);
        assertThat(observations(offerId)).as("the answer of a client without profiling consent teaches nothing")
                .isEqualTo(before);

        // the client allows profiling: the models apply again
        TestEvents.send(TestEvents.consentChanged(clientId, TestEvents.consents(true, true, true, true, true)));
        await().atMost(WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 5);
        JsonPath allowed = decide(clientId, "CALL_CENTER");
        assertThat(allowed.getList("actions.components.propensityBasis", String.class)).containsOnly("MODEL");
        assertThat(audit(allowed.getString("decisionId")).getString("inputs.client.loyaltyType")).isEqualTo("SPURIOUS");
    }

    @Test
    void aNeedTheClientStatedReachesTheReadModelAndMakesTheOfferOnItEligible() {
        String clientId = NextBestActionChainTest.knownClient();
        JsonPath before = audit(decide(clientId, "BRANCH").getString("decisionId"));
        assertThat(eligible(before)).as("no stated need yet").isFalse();

        String touchpoint = UUID.randomUUID().toString();
        String recorded = TestEvents.recorded(clientId, "BRANCH", "ADVICE", "RESOLVED", "POSITIVE", null);
        recorded = recorded.substring(0, recorded.lastIndexOf('}')) + ", \"statedNeeds\": [\"SAVING_FOR_HOUSING\", \"CAR\"]}";
        TestEvents.send(TestEvents.interaction(touchpoint, clientId, recorded));
        await().atMost(WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 4);
        assertThat(given().when().get("/api/v1/read-model/clients/{id}", clientId).then().statusCode(200).extract()
                .jsonPath().getList("statedNeeds", String.class)).containsExactlyInAnyOrder("SAVING_FOR_HOUSING", "CAR");

        JsonPath after = audit(decide(clientId, "BRANCH").getString("decisionId"));
        assertThat(after.getList("inputs.client.statedNeeds", String.class)).contains("SAVING_FOR_HOUSING");
        assertThat(eligible(after)).as("HOME_PURCHASE_ADVICE meets its conditions").isTrue();
    }

    /** Whether the offer met its eligibility conditions (the week's sales cap may still hold it back: other policies). */
    private static boolean eligible(JsonPath audit) {
        List<Map<String, Object>> results = audit.getList("inputs.policyResults.'" + HOME_PURCHASE_ADVICE + "'");
        return results.stream().filter(r -> "MeetsEligibilityConditions".equals(r.get("policy")))
                .allMatch(r -> Boolean.TRUE.equals(r.get("allowed")))
                && results.stream().anyMatch(r -> "MeetsEligibilityConditions".equals(r.get("policy")));
    }
}
