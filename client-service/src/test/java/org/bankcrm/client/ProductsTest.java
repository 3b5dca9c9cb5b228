package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
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
@CallsAs(Roles.CHANNEL)
class ProductsTest {

    static String open(String clientId, String type) {
        return given().contentType(ContentType.JSON)
                .body("{\"type\": \"%s\", \"openedAt\": \"2024-05-02\", \"balance\": 1500.50}".formatted(type))
                .when().post("/api/v1/clients/{id}/products", clientId)
                .then().statusCode(201)
                .header("Location", containsString("/products/"))
                .extract().path("id");
    }

    @Test
    void openingAProductAddsItToTheClientAndPublishesItOnceWithTheTypesHeld() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        open(id, "CURRENT_ACCOUNT");
        String savings = open(id, "SAVINGS_ACCOUNT");

        given().when().get("/api/v1/clients/{id}", id).then().statusCode(200)
                .body("products", containsInAnyOrder("CURRENT_ACCOUNT", "SAVINGS_ACCOUNT"));
        var events = PublishedEvents.expect(id, "crm.client.product-opened", 2);
        var last = PublishedEvents.json(events.get(1).value());
        assertThat(last.get("productId").asText()).isEqualTo(savings);
        assertThat(last.get("heldProductTypes").findValuesAsText("")).isEmpty();
        assertThat(last.get("heldProductTypes").toString()).isEqualTo("[\"CURRENT_ACCOUNT\",\"SAVINGS_ACCOUNT\"]");
        assertThat(last.get("balance").decimalValue()).isEqualByComparingTo("1500.50");
    }

    @Test
    void closingAProductKeepsItInTheHistoryAndPublishesItOnce() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String account = open(id, "CURRENT_ACCOUNT");
        String card = open(id, "DEBIT_CARD");
        given().queryParam("closedAt", "2026-01-15")
                .when().delete("/api/v1/clients/{id}/products/{productId}", id, card)
                .then().statusCode(200)
                .body("open", equalTo(false))
                .body("closedAt", equalTo("2026-01-15"));

        given().when().get("/api/v1/clients/{id}/products", id).then().statusCode(200)
                .body("id", contains(account, card))
                .body("closedAt", contains(null, "2026-01-15"));
        given().when().get("/api/v1/clients/{id}", id).then().body("products", contains("CURRENT_ACCOUNT"));
        var closed = PublishedEvents.json(PublishedEvents.expectOne(id, "crm.client.product-closed"));
        assertThat(closed.get("productId").asText()).isEqualTo(card);
        assertThat(closed.get("heldProductTypes").toString()).isEqualTo("[\"CURRENT_ACCOUNT\"]");

        given().queryParam("closedAt", "2026-01-16")
                .when().delete("/api/v1/clients/{id}/products/{productId}", id, card)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aSecondPremiumPackageIsA409NamingTheOneHeldButASecondCurrentAccountIsFine() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String premium = open(id, "PREMIUM_PACKAGE");
        given().contentType(ContentType.JSON).body("{\"type\": \"PREMIUM_PACKAGE\"}")
                .when().post("/api/v1/clients/{id}/products", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("existingId", equalTo(premium));
        open(id, "CURRENT_ACCOUNT");
        open(id, "CURRENT_ACCOUNT");
        given().when().get("/api/v1/clients/{id}/products", id).then().body("", hasSize(3));
    }

    @Test
    void badProductRequestsAreA400NamingTheField() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().contentType(ContentType.JSON).body("{\"type\": \"YACHT\"}")
                .when().post("/api/v1/clients/{id}/products", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("type"));
        given().contentType(ContentType.JSON).body("{\"openedAt\": \"%s\", \"balance\": 1.234}".formatted(LocalDate.now().plusDays(2)))
                .when().post("/api/v1/clients/{id}/products", id)
                .then().statusCode(400)
                .body("violations.field", hasItem("type"))
                .body("violations.field", hasItem("openedAt"))
                .body("violations.field", hasItem("balance"));
        String card = open(id, "DEBIT_CARD");
        given().queryParam("closedAt", "2020-01-01")
                .when().delete("/api/v1/clients/{id}/products/{productId}", id, card)
                .then().statusCode(400).body("violations[0].field", equalTo("closedAt"));
        given().queryParam("closedAt", "yesterday")
                .when().delete("/api/v1/clients/{id}/products/{productId}", id, card)
                .then().statusCode(400).body("violations[0].field", equalTo("closedAt"));
    }

    @Test
    void unknownClientsAndProductsAreA404() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().contentType(ContentType.JSON).body("{\"type\": \"DEBIT_CARD\"}")
                .when().post("/api/v1/clients/{id}/products", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/api/v1/clients/{id}/products/{productId}", id, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        // another client's product is not this client's
        String other = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String othersCard = open(other, "DEBIT_CARD");
        given().when().delete("/api/v1/clients/{id}/products/{productId}", id, othersCard).then().statusCode(404);
        given().when().get("/api/v1/clients/{id}/products", UUID.randomUUID()).then().statusCode(404);
    }
}
