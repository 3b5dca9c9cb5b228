package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.offer.app.DecisionCache;
import org.bankcrm.offer.domain.PropensityModel;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The learnt posterior lives in the database: answers recorded through the API, then the service forgets every
 * model it holds in memory as a restart does; the next decision's models, reloaded from the database, are exactly
 * the ones learnt (every mean and precision bit for bit, the update count), and learning goes on from them.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.MARKETING })
class ModelStateSurvivesRestartTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DecisionCache cache;

    /** A research action only clients of this test's own segment are eligible for, so other tests never see it. */
    static String createOffer(String segment, String category) {
        String code = "TEST_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        return given().contentType(ContentType.JSON).body("""
                {"code": "%s", "name": "Test action", "category": "%s", "condition": {"segment": ["%s"]},
                 "channels": ["BRANCH"], "value": 150, "priorAccepted": 10, "priorDeclined": 10}""".formatted(code, category, segment))
                .when().post("/api/v1/offers").then().statusCode(201).extract().path("id");
    }

    /** A known client (see NextBestActionChainTest) who is also in the given segment. */
    static String clientInSegment(String segment, boolean controlGroup) {
        String clientId = NextBestActionChainTest.knownClient(NextBestActionChainTest.clientId(controlGroup));
        TestEvents.send(TestEvents.segmentChanged(clientId, List.of(segment)));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 4);
        return clientId;
    }

    static JsonPath decisionWith(String clientId, String offerId) {
        JsonPath decision = NextBestActionChainTest.decide(clientId, "BRANCH", 10);
        assertThat(decision.getList("actions.offerId", String.class)).contains(offerId);
        return decision;
    }

    static void answer(JsonPath decision, String offerId, String outcome) {
        given().contentType(ContentType.JSON).body(Map.of("offerId", offerId, "outcome", outcome))
                .when().post("/api/v1/decisions/{id}/responses", decision.getString("decisionId")).then().statusCode(201);
    }

    @Test
    void theLearntPosteriorAndItsUpdateCountSurviveARestartExactly() throws Exception {
        String segment = "TEST_SEGMENT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String offerId = createOffer(segment, "RESEARCH");
        List<String> outcomes = List.of("ACCEPTED", "DECLINED", "ACCEPTED", "INTERESTED", "IGNORED", "ACCEPTED");
        for (String outcome : outcomes) {
            answer(decisionWith(clientInSegment(segment, false), offerId), offerId, outcome);
        }
        long learnt = outcomes.stream().filter(o -> !o.equals("INTERESTED")).count();

        DecisionCache.CachedModel before = cache.cachedModel(UUID.fromString(offerId)).orElseThrow();
        assertThat(before.model().observations()).isEqualTo(learnt);
        JsonNode stored = JSON.readTree(given().when().get("/api/v1/offers/{id}/model", offerId).then().statusCode(200)
                .extract().asString());
        assertThat(stored.get("observations").asLong()).isEqualTo(learnt);
        double[] storedMeans = new double[before.model().mean().length];
        int i = 0;
        for (JsonNode weight : stored.get("weights")) {
            storedMeans[i++] = weight.asDouble();
        }
        assertThat(storedMeans).as("the database holds what this replica learnt").containsExactly(before.model().mean());
        String next = clientInSegment(segment, false);
        long modelVersionBefore = decisionWith(next, offerId).getLong("modelVersion");

        cache.drop();
        assertThat(cache.cachedModel(UUID.fromString(offerId))).as("nothing in memory, as after a restart").isEmpty();

        JsonPath afterRestart = decisionWith(next, offerId);
        DecisionCache.CachedModel after = cache.cachedModel(UUID.fromString(offerId)).orElseThrow();
        assertThat(after.model().mean()).containsExactly(before.model().mean());
        assertThat(after.model().precision()).containsExactly(before.model().precision());
        assertThat(after.model().observations()).isEqualTo(learnt);
        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(afterRestart.getLong("modelVersion")).isEqualTo(modelVersionBefore);

        // and learning goes on from the reloaded posterior: one more answer is exactly one more update of it
        JsonNode audit = JSON.readTree(given().when().get("/api/v1/decisions/{id}/audit", afterRestart.getString("decisionId"))
                .then().statusCode(200).extract().asString());
        JsonNode scored = audit.at("/inputs/offerFeatures/" + offerId);
        double[] features = new double[scored.size()];
        for (int f = 0; f < features.length; f++) {
            features[f] = scored.get(f).asDouble();
        }
        PropensityModel expected = new PropensityModel(before.model().mean(), before.model().precision(), learnt);
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        double[] priorPrecision = PropensityModel.fromPrior(features.length, 10, 10,
                config.getValue("crm.offer.model.weight-precision", Double.class)).precision();
        // the service forgets toward the offer's prior at each answer: the same update, done here by hand
        expected.update(features, true, config.getValue("crm.offer.model.forgetting", Double.class), priorPrecision);
        answer(afterRestart, offerId, "ACCEPTED");
        DecisionCache.CachedModel updated = cache.cachedModel(UUID.fromString(offerId)).orElseThrow();
        assertThat(updated.model().observations()).isEqualTo(learnt + 1);
        assertThat(updated.model().mean()).containsExactly(expected.mean());
        assertThat(updated.model().precision()).containsExactly(expected.precision());
        assertThat(updated.revision()).isGreaterThan(before.revision());

        cache.drop();
        decisionWith(clientInSegment(segment, false), offerId);
        DecisionCache.CachedModel reloaded = cache.cachedModel(UUID.fromString(offerId)).orElseThrow();
        assertThat(reloaded.model().mean()).containsExactly(expected.mean());
        assertThat(reloaded.model().precision()).containsExactly(expected.precision());
        assertThat(reloaded.model().observations()).isEqualTo(learnt + 1);
    }
}
