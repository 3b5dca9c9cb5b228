package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.YearMonth;
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
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION })
class FinancialsAndValueTest {

    static String month(int back) {
        return YearMonth.now().minusMonths(back).toString();
    }

    static String figures(String month, double revenue, double cost) {
        return """
                {"month": "%s", "revenue": %s, "costToServe": %s, "averageBalance": 3000, "transactionCount": 12,
                 "transactionAmount": 840.25}
                """.formatted(month, revenue, cost);
    }

    @Test
    void aMonthIsRecordedOnceAndASecondPostForItReplacesItAndSaysSo() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().contentType(ContentType.JSON).body(figures(month(1), 40, 15))
                .when().post("/api/v1/clients/{id}/financials", id)
                .then().statusCode(201).body("replaced", equalTo(false));
        given().contentType(ContentType.JSON).body(figures(month(1), 45, 15))
                .when().post("/api/v1/clients/{id}/financials", id)
                .then().statusCode(200).body("replaced", equalTo(true)).body("revenue", equalTo(45.0f));
        given().when().get("/api/v1/clients/{id}/financials", id).then().statusCode(200)
                .body("", hasSize(1)).body("[0].month", equalTo(month(1)));

        var events = PublishedEvents.expect(id, "crm.client.financials-recorded", 2);
        assertThat(PublishedEvents.json(events.get(0).value()).get("replaced").asBoolean()).isFalse();
        assertThat(PublishedEvents.json(events.get(1).value()).get("replaced").asBoolean()).isTrue();
        assertThat(PublishedEvents.json(events.get(1).value()).get("month").asText()).isEqualTo(month(1));
    }

    @Test
    void theValueFollowsTheFiguresAndEachChangeOfItIsPublished() {
        // 40, high income, only a current account: high potential
        String id = given().contentType(ContentType.JSON)
                .body("""
                        {"externalRef": "CB-%s", "type": "INDIVIDUAL", "fullName": "Val Ue", "birthDate": "1986-01-01",
                         "incomeBracket": "HIGH", "customerSince": "2024-01-01"}
                        """.formatted(UUID.randomUUID()))
                .when().post("/api/v1/clients").then().statusCode(201).extract().path("id");
        ProductsTest.open(id, "CURRENT_ACCOUNT");
        given().when().get("/api/v1/clients/{id}/value", id).then().statusCode(200)
                .body("quadrant", equalTo("UNPROFITABLE_HIGH_POTENTIAL"))
                .body("strategy", equalTo("REPRICE"));

        given().contentType(ContentType.JSON).body(figures(month(0), 120, 20))
                .when().post("/api/v1/clients/{id}/financials", id).then().statusCode(201);
        given().when().get("/api/v1/clients/{id}/value", id).then().statusCode(200)
                .body("profitability", equalTo(100.0f))
                .body("quadrant", equalTo("PROFITABLE_HIGH_POTENTIAL"))
                .body("strategy", equalTo("DEVELOP"))
                .body("potentialComponents.income", equalTo(1.0f))
                .body("monthsOfFinancials", equalTo(1))
                .body("reasons", hasSize(3))
                .body("reasons[2]", notNullValue());
        given().when().get("/api/v1/clients/{id}", id).then()
                .body("valueQuadrant", equalTo("PROFITABLE_HIGH_POTENTIAL")).body("strategy", equalTo("DEVELOP"));
        given().queryParam("q", "Val Ue").queryParam("quadrant", "PROFITABLE_HIGH_POTENTIAL").queryParam("strategy", "DEVELOP")
                .when().get("/api/v1/clients").then().body("items.id", hasItem(id));

        // registration, the current account (product gap changed the potential), then the figures
        var events = PublishedEvents.expect(id, "crm.client.value-changed", 3);
        var latest = PublishedEvents.json(events.get(2).value());
        assertThat(latest.get("quadrant").asText()).isEqualTo("PROFITABLE_HIGH_POTENTIAL");
        assertThat(latest.get("previousQuadrant").asText()).isEqualTo("UNPROFITABLE_HIGH_POTENTIAL");
        assertThat(latest.get("previousStrategy").asText()).isEqualTo("REPRICE");
    }

    @Test
    void aChangeThatLeavesTheValueAsItWasPublishesNoValueChange() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().contentType(ContentType.JSON).body("{\"phone\": \"+420777123456\"}")
                .when().patch("/api/v1/clients/{id}", id).then().statusCode(200);
        PublishedEvents.expectOne(id, "crm.client.updated");
        assertThat(PublishedEvents.of(id, "crm.client.value-changed")).hasSize(1);
    }

    @Test
    void badFiguresAreA400NamingEachField() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().contentType(ContentType.JSON)
                .body("{\"month\": \"%s\", \"revenue\": 1, \"costToServe\": -1, \"averageBalance\": 1, \"transactionCount\": -2}"
                        .formatted(month(1)))
                .when().post("/api/v1/clients/{id}/financials", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("costToServe"))
                .body("violations.field", hasItem("transactionCount"))
                .body("violations.field", hasItem("transactionAmount"));
        given().contentType(ContentType.JSON).body(figures(YearMonth.now().plusMonths(1).toString(), 1, 1))
                .when().post("/api/v1/clients/{id}/financials", id)
                .then().statusCode(400).body("violations[0].field", equalTo("month"));
        given().contentType(ContentType.JSON).body(figures("2026-13", 1, 1))
                .when().post("/api/v1/clients/{id}/financials", id)
                .then().statusCode(400).body("violations[0].field", equalTo("month"));
    }

    @Test
    void financialsAndValueOfAnUnknownClientAreA404() {
        given().contentType(ContentType.JSON).body(figures(month(1), 1, 1))
                .when().post("/api/v1/clients/{id}/financials", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/clients/{id}/value", UUID.randomUUID()).then().statusCode(404);
    }
}
