package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A client in this month's control group gets random rankings that say so, and their answers count as control. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class ControlGroupTest {

    @Test
    void aControlGroupDecisionIsRandomAndItsAnswersMeasureTheUplift() {
        String clientId = NextBestActionChainTest.knownClient(NextBestActionChainTest.clientId(true));
        JsonPath decision = NextBestActionChainTest.decide(clientId, "BRANCH", 3);
        assertThat(decision.getBoolean("controlGroup")).isTrue();
        assertThat(decision.getList("actions")).isNotEmpty();
        assertThat(decision.getString("actions[0].reasons[0]")).contains("control group");
        long before = given().when().get("/api/v1/offers/performance").then().statusCode(200).extract().jsonPath()
                .getLong("uplift.controlResponses");
        given().contentType(ContentType.JSON)
                .body(Map.of("offerId", decision.getString("actions[0].offerId"), "outcome", "ACCEPTED"))
                .when().post("/api/v1/decisions/{id}/responses", decision.getString("decisionId")).then().statusCode(201)
                .body("controlGroup", org.hamcrest.Matchers.equalTo(true));
        JsonPath performance = given().when().get("/api/v1/offers/performance").then().statusCode(200).extract().jsonPath();
        assertThat(performance.getLong("uplift.controlResponses")).isEqualTo(before + 1);
        assertThat(performance.getDouble("uplift.confidence")).isBetween(0.949, 0.951);
    }
}
