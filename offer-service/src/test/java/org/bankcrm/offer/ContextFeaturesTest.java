package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** What a channel tells a decision in context.features: only allowed names, finite numbers within their ranges. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class ContextFeaturesTest {

    static ValidatableResponse decide(String features) {
        return given().contentType(ContentType.JSON).body("""
                {"clientId": "%s", "channel": "BRANCH", "context": {"reason": "PRODUCT_INQUIRY", "features": %s}}"""
                .formatted(UUID.randomUUID(), features))
                .when().post("/api/v1/decisions").then();
    }

    @Test
    void allowedContextFeaturesWithinTheirRangesAreAcceptedKeptForTheAuditAndFeaturesOfTheModel() {
        String decisionId = decide("{\"sessionMinutes\": 7, \"reachedOnMobile\": 1}").statusCode(201).extract().path("decisionId");
        given().when().get("/api/v1/decisions/{id}/audit", decisionId).then().statusCode(200)
                .body("inputs.contextFeatures.sessionMinutes", equalTo(7.0f))
                .body("featureNames", hasItem("context.sessionMinutes"));
    }

    @Test
    void anUnknownContextFeatureIsA400NamingTheField() {
        decide("{\"creditScore\": 700}").statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem("context.features.creditScore"));
    }

    @Test
    void aContextFeatureOutOfItsRangeIsA400NamingTheField() {
        decide("{\"sessionMinutes\": 100000}").statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem("context.features.sessionMinutes"));
    }

    @Test
    void aNonFiniteContextFeatureIsA400NamingTheField() {
        decide("{\"productPagesViewed\": 1e400}").statusCode(400)
                .body("violations.field", hasItem("context.features.productPagesViewed"));
        decide("{\"productPagesViewed\": null}").statusCode(400)
                .body("violations.field", hasItem("context.features.productPagesViewed"));
    }
}
