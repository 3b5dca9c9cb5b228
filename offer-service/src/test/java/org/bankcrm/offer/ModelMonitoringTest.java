package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Each answer learnt is also recorded by the offer model's monitor (real database and broker): the model endpoint shows
 * the answers, the window's observed rate, the expected propensity's calibration and the inputs' drift, and the
 * Prometheus endpoint a gauge per offer.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.MARKETING })
class ModelMonitoringTest {

    @Test
    void theModelEndpointAndTheMetricsShowTheMonitoringOfTheAnswersLearnt() {
        String segment = "MONITOR_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String offerId = ModelStateSurvivesRestartTest.createOffer(segment, "RESEARCH");
        String code = given().when().get("/api/v1/offers/{id}", offerId).then().statusCode(200).extract().path("code");
        List<String> outcomes = List.of("ACCEPTED", "DECLINED", "DECLINED", "INTERESTED", "ACCEPTED", "IGNORED");
        for (String outcome : outcomes) {
            ModelStateSurvivesRestartTest.answer(ModelStateSurvivesRestartTest.decisionWith(
                    ModelStateSurvivesRestartTest.clientInSegment(segment, false), offerId), offerId, outcome);
        }
        JsonPath model = given().when().get("/api/v1/offers/{id}/model", offerId).then().statusCode(200).extract().jsonPath();
        assertThat(model.getLong("monitoring.answers")).as("INTERESTED is not learnt").isEqualTo(5);
        assertThat(model.getInt("monitoring.window")).isEqualTo(5);
        assertThat(model.getDouble("monitoring.observedRate")).isEqualTo(2 / 5.0);
        assertThat(model.getDouble("monitoring.meanExpected")).as("the prior Beta(10, 10) expects about a half")
                .isBetween(0.3, 0.7);
        assertThat(model.getDouble("monitoring.brier")).isBetween(0.0, 1.0);
        assertThat(model.getDouble("monitoring.auc")).isBetween(0.0, 1.0);
        assertThat(model.getList("monitoring.drift.feature", String.class)).contains("bias", "channel=BRANCH");
        assertThat(model.getDouble("monitoring.drift.find { it.feature == 'bias' }.allTimeMean")).isEqualTo(1.0);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("crm_offer_model_auc{offer=\"" + code + "\"}")
                .contains("crm_offer_model_brier{offer=\"" + code + "\"}")
                .contains("crm_offer_model_calibration_gap{offer=\"" + code + "\"}");
    }

    @Test
    void anOfferWithoutAnswersHasAnEmptyMonitor() {
        String offerId = ModelStateSurvivesRestartTest.createOffer("MONITOR_NONE", "RESEARCH");
        JsonPath model = given().when().get("/api/v1/offers/{id}/model", offerId).then().statusCode(200).extract().jsonPath();
        assertThat(model.getLong("monitoring.answers")).isZero();
        assertThat(model.getString("monitoring.auc")).isNull();
    }
}
