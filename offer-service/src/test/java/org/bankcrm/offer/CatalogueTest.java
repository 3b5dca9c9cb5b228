package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.MARKETING)
class CatalogueTest {
    static String offer(String code, String category, String productType, String condition) {
        return """
                {"code": "%s", "name": "Test offer", "description": "for tests", "category": "%s", "productType": %s,
                 "condition": %s, "channels": ["BRANCH", "MOBILE_APP"], "value": 75, "validFrom": "2026-01-01",
                 "priorAccepted": 2, "priorDeclined": 18}""".formatted(code, category,
                productType == null ? "null" : "\"" + productType + "\"", condition);
    }

    @Test
    void theDefaultCatalogueHasActionsOfEveryCategory() {
        List<String> categories = given().when().get("/api/v1/offers").then().statusCode(200).extract().jsonPath()
                .getList("category", String.class);
        assertThat(categories).contains("SALES", "RETENTION", "SERVICE_RECOVERY", "TARIFF", "SERVICE_LEVEL", "RESEARCH");
        given().queryParam("category", "SALES").when().get("/api/v1/offers").then().statusCode(200)
                .body("productType", hasItem("CREDIT_CARD")).body("productType", hasItem("MORTGAGE"))
                .body("productType", hasItem("TERM_DEPOSIT")).body("productType", hasItem("PREMIUM_PACKAGE"));
    }

    @Test
    void anOfferIsAddedReadAndReplacedWithANewCatalogueVersion() {
        String code = "TEST_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var created = given().contentType(ContentType.JSON)
                .body(offer(code, "SALES", "CREDIT_CARD", "{\"segment\": [\"NOBODY_TEST_SEGMENT\"]}"))
                .when().post("/api/v1/offers").then().statusCode(201).header("Location", notNullValue())
                .body("code", equalTo(code)).body("condition.segment[0]", equalTo("NOBODY_TEST_SEGMENT"))
                .extract().jsonPath();
        String id = created.getString("id");
        long revision = created.getLong("revision");
        given().when().get("/api/v1/offers/{id}", id).then().statusCode(200).body("value", equalTo(75.0f));
        long replaced = given().contentType(ContentType.JSON)
                .body(offer(code, "SALES", "CREDIT_CARD", "{\"all\": [{\"segment\": [\"NOBODY_TEST_SEGMENT\"]}, {\"churnRisk\": {\"max\": 0.2}}]}")
                        .replace("\"value\": 75", "\"value\": 90"))
                .when().put("/api/v1/offers/{id}", id).then().statusCode(200).body("value", equalTo(90.0f))
                .extract().jsonPath().getLong("revision");
        assertThat(replaced).isGreaterThan(revision);

        given().contentType(ContentType.JSON).body(offer(code, "SALES", "CREDIT_CARD", "{\"all\": []}"))
                .when().post("/api/v1/offers").then().statusCode(409).contentType("application/problem+json")
                .body("existingId", equalTo(id));
    }

    @Test
    void anInvalidOfferIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body(offer("TEST_BAD_CONDITION", "TARIFF", null, "{\"bogus\": [\"X\"]}"))
                .when().post("/api/v1/offers").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("condition.bogus"));
        given().contentType(ContentType.JSON).body(offer("TEST_NO_PRODUCT", "SALES", null, "{\"all\": []}"))
                .when().post("/api/v1/offers").then().statusCode(400)
                .body("violations[0].field", equalTo("productType"));
        given().contentType(ContentType.JSON).body(offer("TEST_BAD_CATEGORY", "GIFT", null, "{\"all\": []}"))
                .when().post("/api/v1/offers").then().statusCode(400);
        given().when().get("/api/v1/offers/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
