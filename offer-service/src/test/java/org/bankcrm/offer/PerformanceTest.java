package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;

import org.bankcrm.offer.domain.UpliftEstimate;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * GET /offers/performance on real answers in the database, model and control group alike: the SQL aggregates per
 * offer, channel and segment count exactly the answers given, and the uplift is the domain's interval on the
 * counted groups; an answer of a client without profiling consent (ranked by the offers' priors, not the models)
 * counts per offer, channel and segment but on neither side of the uplift.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.MARKETING })
class PerformanceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode performance() throws Exception {
        return JSON.readTree(given().when().get("/api/v1/offers/performance").then().statusCode(200).extract().asString());
    }

    static JsonNode row(JsonNode list, String key) {
        for (JsonNode row : list) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        return null;
    }

    static long count(JsonNode list, String key, String field) {
        JsonNode row = row(list, key);
        return row == null ? 0 : row.get(field).asLong();
    }

    @Test
    void acceptancePerOfferChannelAndSegmentAndTheUpliftOverTheControlGroupAreCountedInTheDatabase() throws Exception {
        String segment = "TEST_SEGMENT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String offerId = ModelStateSurvivesRestartTest.createOffer(segment, "RESEARCH");
        String code = given().when().get("/api/v1/offers/{id}", offerId).then().extract().path("code");
        JsonNode before = performance();

        List<String> modelAnswers = List.of("ACCEPTED", "DECLINED", "ACCEPTED", "INTERESTED");
        List<String> controlAnswers = List.of("DECLINED", "IGNORED", "ACCEPTED");
        for (String outcome : modelAnswers) {
            var decision = ModelStateSurvivesRestartTest.decisionWith(ModelStateSurvivesRestartTest.clientInSegment(segment, false), offerId);
            assertThat(decision.getBoolean("controlGroup")).isFalse();
            ModelStateSurvivesRestartTest.answer(decision, offerId, outcome);
        }
        for (String outcome : controlAnswers) {
            var decision = ModelStateSurvivesRestartTest.decisionWith(ModelStateSurvivesRestartTest.clientInSegment(segment, true), offerId);
            assertThat(decision.getBoolean("controlGroup")).isTrue();
            ModelStateSurvivesRestartTest.answer(decision, offerId, outcome);
        }
        var unprofiled = ModelStateSurvivesRestartTest.decisionWith(clientWithoutProfilingInSegment(segment), offerId);
        assertThat(unprofiled.getBoolean("controlGroup")).isFalse();
        ModelStateSurvivesRestartTest.answer(unprofiled, offerId, "ACCEPTED");

        JsonNode after = performance();
        JsonNode offer = row(after.get("byOffer"), code);
        assertThat(offer.get("responses").asLong()).isEqualTo(8);
        assertThat(offer.get("accepted").asLong()).isEqualTo(4);
        assertThat(offer.get("rate").asDouble()).isEqualTo(4.0 / 8);
        JsonNode bySegment = row(after.get("bySegment"), segment);
        assertThat(bySegment.get("responses").asLong()).isEqualTo(8);
        assertThat(bySegment.get("accepted").asLong()).isEqualTo(4);
        assertThat(count(after.get("byChannel"), "BRANCH", "responses") - count(before.get("byChannel"), "BRANCH", "responses"))
                .isEqualTo(8);
        assertThat(count(after.get("byChannel"), "BRANCH", "accepted") - count(before.get("byChannel"), "BRANCH", "accepted"))
                .isEqualTo(4);
        JsonNode without = after.get("withoutProfiling");
        assertThat(without.get("responses").asLong() - before.get("withoutProfiling").get("responses").asLong()).isEqualTo(1);
        assertThat(without.get("accepted").asLong() - before.get("withoutProfiling").get("accepted").asLong()).isEqualTo(1);

        JsonNode uplift = after.get("uplift");
        JsonNode was = before.get("uplift");
        assertThat(uplift.get("modelResponses").asLong() - was.get("modelResponses").asLong()).isEqualTo(4);
        assertThat(uplift.get("modelAccepted").asLong() - was.get("modelAccepted").asLong()).isEqualTo(2);
        assertThat(uplift.get("controlResponses").asLong() - was.get("controlResponses").asLong()).isEqualTo(3);
        assertThat(uplift.get("controlAccepted").asLong() - was.get("controlAccepted").asLong()).isEqualTo(1);
        UpliftEstimate expected = UpliftEstimate.of(uplift.get("modelResponses").asLong(), uplift.get("modelAccepted").asLong(),
                uplift.get("controlResponses").asLong(), uplift.get("controlAccepted").asLong(), 1.96);
        assertThat(uplift.get("uplift").asDouble()).isEqualTo(expected.uplift());
        assertThat(uplift.get("lower").asDouble()).isEqualTo(expected.lower());
        assertThat(uplift.get("upper").asDouble()).isEqualTo(expected.upper());
        assertThat(uplift.get("confidence").asDouble()).isEqualTo(expected.confidence());

        // every answer counted once per dimension: the offers' and the channels' totals are the groups' totals
        long total = uplift.get("modelResponses").asLong() + uplift.get("controlResponses").asLong();
        long byOffer = 0;
        for (JsonNode row : after.get("byOffer")) {
            byOffer += row.get("responses").asLong();
        }
        long byChannel = 0;
        for (JsonNode row : after.get("byChannel")) {
            byChannel += row.get("responses").asLong();
        }
        assertThat(byOffer).isEqualTo(total + without.get("responses").asLong());
        assertThat(byChannel).isEqualTo(total + without.get("responses").asLong());
    }

    static String clientWithoutProfilingInSegment(String segment) {
        String clientId = NextBestActionChainTest.clientId(false);
        TestEvents.send(TestEvents.registered(clientId, "AGE_35_44", TestEvents.consents(true, true, true, true, false)));
        TestEvents.send(TestEvents.productOpened(clientId, "DEBIT_CARD", List.of("CURRENT_ACCOUNT", "DEBIT_CARD")));
        TestEvents.send(TestEvents.valueChanged(clientId, "PROFITABLE_HIGH_POTENTIAL", "DEVELOP"));
        TestEvents.send(TestEvents.segmentChanged(clientId, List.of(segment)));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 4);
        return clientId;
    }
}
