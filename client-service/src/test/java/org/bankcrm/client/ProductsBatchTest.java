package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /api/v1/products/batch: many clients' product openings and closings at once, as the single paths apply each. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION })
class ProductsBatchTest {

    static String open(String clientId, String type) {
        return """
                {"clientId": "%s", "open": {"type": "%s", "openedAt": "2024-05-02", "balance": 1500.50}}"""
                .formatted(clientId, type);
    }

    static String close(String clientId, String productId, String closedAt) {
        return """
                {"clientId": "%s", "close": {"productId": "%s", "closedAt": "%s"}}""".formatted(clientId, productId, closedAt);
    }

    static String body(List<String> changes) {
        return "{\"changes\": [" + String.join(",", changes) + "]}";
    }

    static List<String> apply(List<String> changes) {
        return given().contentType(ContentType.JSON).body(body(changes))
                .when().post("/api/v1/products/batch")
                .then().statusCode(201).body("count", equalTo(changes.size()))
                .extract().path("products");
    }

    @Test
    void openingsOfSeveralClientsAreStoredAndPublishedAsTheSinglePathDoes() {
        String a = ClientRegistrationTest.register("PB-" + UUID.randomUUID());
        String b = ClientRegistrationTest.register("PB-" + UUID.randomUUID());
        List<String> ids = apply(List.of(open(a, "CURRENT_ACCOUNT"), open(b, "CURRENT_ACCOUNT"), open(a, "SAVINGS_ACCOUNT")));

        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        given().when().get("/api/v1/clients/{id}/products", a).then().statusCode(200)
                .body("id", contains(ids.get(0), ids.get(2)));
        given().when().get("/api/v1/clients/{id}", a).then().statusCode(200)
                .body("products", containsInAnyOrder("CURRENT_ACCOUNT", "SAVINGS_ACCOUNT"));
        var events = PublishedEvents.expect(a, "crm.client.product-opened", 2);
        var last = PublishedEvents.json(events.get(1).value());
        assertThat(last.get("productId").asText()).isEqualTo(ids.get(2));
        assertThat(last.get("heldProductTypes").toString()).isEqualTo("[\"CURRENT_ACCOUNT\",\"SAVINGS_ACCOUNT\"]");
        assertThat(PublishedEvents.json(PublishedEvents.expectOne(b, "crm.client.product-opened"))
                .get("productId").asText()).isEqualTo(ids.get(1));
    }

    @Test
    void aClientsChangesInOneBatchAreOneChangeOfItsValueAndClosingTheLastProductIsADeparture() throws InterruptedException {
        String a = ClientRegistrationTest.register("PB-" + UUID.randomUUID());
        int valuesBefore = PublishedEvents.expect(a, "crm.client.value-changed", 1).size();
        List<String> opened = apply(List.of(open(a, "CURRENT_ACCOUNT"), open(a, "MORTGAGE"), open(a, "INVESTMENT_FUND")));
        PublishedEvents.expect(a, "crm.client.product-opened", 3);
        PublishedEvents.expect(a, "crm.client.value-changed", valuesBefore + 1);
        Thread.sleep(1_000); // the batch's events were committed together: any further value change would be out by now
        int valuesAfterOpening = PublishedEvents.of(a, "crm.client.value-changed").size();
        assertThat(valuesAfterOpening).isEqualTo(valuesBefore + 1);

        // every product closed in one batch: closed in order, the last closing is the client's departure
        apply(List.of(close(a, opened.get(2), "2025-01-10"), close(a, opened.get(1), "2025-01-11"),
                close(a, opened.get(0), "2025-01-12")));
        var closed = PublishedEvents.expect(a, "crm.client.product-closed", 3);
        assertThat(closed).extracting(e -> PublishedEvents.json(e.value()).get("productId").asText())
                .containsExactly(opened.get(2), opened.get(1), opened.get(0));
        var left = PublishedEvents.json(PublishedEvents.expectOne(a, "crm.client.left"));
        assertThat(left.get("reason").asText()).isEqualTo("ALL_PRODUCTS_CLOSED");
        assertThat(left.get("leftAt").asText()).startsWith("2025-01-12");
    }

    @Test
    void aChangeThatBreaksARuleFailsTheWholeBatchWithItsIndexAndNothingIsApplied() {
        String a = ClientRegistrationTest.register("PB-" + UUID.randomUUID());
        String b = ClientRegistrationTest.register("PB-" + UUID.randomUUID());
        String package1 = apply(List.of(open(a, "PREMIUM_PACKAGE"))).get(0);

        // a second premium package (held once only) at index 2
        given().contentType(ContentType.JSON)
                .body(body(List.of(open(b, "CURRENT_ACCOUNT"), open(a, "DEBIT_CARD"), open(a, "PREMIUM_PACKAGE"))))
                .when().post("/api/v1/products/batch")
                .then().statusCode(409).contentType("application/problem+json")
                .body("index", equalTo(2)).body("existingId", equalTo(package1));
        // a client not known at index 1
        given().contentType(ContentType.JSON)
                .body(body(List.of(open(b, "CURRENT_ACCOUNT"), open(UUID.randomUUID().toString(), "CURRENT_ACCOUNT"))))
                .when().post("/api/v1/products/batch")
                .then().statusCode(404).contentType("application/problem+json").body("index", equalTo(1));
        // a product not of this client, and one closed twice
        given().contentType(ContentType.JSON).body(body(List.of(close(b, package1, "2025-02-01"))))
                .when().post("/api/v1/products/batch")
                .then().statusCode(404).body("index", equalTo(0));
        given().contentType(ContentType.JSON)
                .body(body(List.of(close(a, package1, "2025-02-01"), close(a, package1, "2025-02-02"))))
                .when().post("/api/v1/products/batch")
                .then().statusCode(409).body("index", equalTo(1));

        given().when().get("/api/v1/clients/{id}/products", b).then().statusCode(200).body("", hasSize(0));
        given().when().get("/api/v1/clients/{id}/products", a).then().statusCode(200)
                .body("id", contains(package1)).body("open", contains(true));
    }

    @Test
    void invalidChangesAreA400NamingEachFieldWithItsIndexAndAnEmptyOrTooLargeBatchIsRefused() {
        String a = ClientRegistrationTest.register("PB-" + UUID.randomUUID());
        given().contentType(ContentType.JSON)
                .body(body(List.of(open(a, "CURRENT_ACCOUNT"),
                        "{\"clientId\": \"%s\", \"open\": {\"openedAt\": \"2999-01-01\"}}".formatted(a),
                        "{\"clientId\": \"%s\"}".formatted(a),
                        "{\"clientId\": \"%s\", \"open\": {\"type\": \"MORTGAGE\"}, \"close\": {\"productId\": \"%s\"}}"
                                .formatted(a, UUID.randomUUID()))))
                .when().post("/api/v1/products/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("changes[1].open.type"))
                .body("violations.field", hasItem("changes[1].open.openedAt"))
                .body("violations.field", hasItem("changes[2]"))
                .body("violations.field", hasItem("changes[3]"));
        given().contentType(ContentType.JSON).body("{\"changes\": []}")
                .when().post("/api/v1/products/batch").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"changes\": [{\"clientId\": \"%s\", \"open\": {\"type\": \"NO_SUCH\"}}]}"
                .formatted(a)).when().post("/api/v1/products/batch").then().statusCode(400);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            tooMany.add(open(a, "CURRENT_ACCOUNT"));
        }
        given().contentType(ContentType.JSON).body(body(tooMany))
                .when().post("/api/v1/products/batch").then().statusCode(400);
        given().when().get("/api/v1/clients/{id}/products", a).then().statusCode(200).body("", hasSize(0));
    }
}
