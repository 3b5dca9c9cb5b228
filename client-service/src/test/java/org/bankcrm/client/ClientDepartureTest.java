package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION, Roles.ADMIN })
class ClientDepartureTest {

    static io.restassured.response.ValidatableResponse report(String id, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/clients/{id}/departure", id).then();
    }

    /** The client's event types in the order they are on the topic. */
    static List<String> typesOnTheTopic(String id) {
        return TopicContents.forKey(PublishedEvents.TOPIC, id).stream()
                .map(r -> CloudEventRecords.header(r.headers(), "ce_type")).toList();
    }

    @Test
    void aReportedDepartureIsPublishedOnceAndASecondReportAnswersTheFirst() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        report(id, "{\"leftAt\": \"2026-10-31\", \"reason\": \"MOVED_ABROAD\"}").statusCode(201)
                .header("Location", endsWith("/api/v1/clients/" + id + "/departure"))
                .body("clientId", equalTo(id))
                .body("leftAt", equalTo("2026-10-31T00:00:00Z"))
                .body("reason", equalTo("REPORTED"))
                .body("reportedReason", equalTo("MOVED_ABROAD"));

        var left = PublishedEvents.json(PublishedEvents.expectOne(id, "crm.client.left"));
        assertThat(left.get("clientId").asText()).isEqualTo(id);
        assertThat(left.get("leftAt").asText()).startsWith("2026-10-31T00:00");
        assertThat(left.get("reason").asText()).isEqualTo("REPORTED");
        assertThat(left.size()).as("exactly clientId, leftAt, reason").isEqualTo(3);

        report(id, "{\"reason\": \"DECEASED\"}").statusCode(200)
                .body("leftAt", equalTo("2026-10-31T00:00:00Z"))
                .body("reportedReason", equalTo("MOVED_ABROAD"));
        given().when().get("/api/v1/clients/{id}", id).then().statusCode(200)
                .body("leftAt", equalTo("2026-10-31T00:00:00Z"))
                .body("leftReason", equalTo("REPORTED"));
        given().when().get("/api/v1/clients/{id}/departure", id).then().statusCode(200)
                .body("reason", equalTo("REPORTED"));
        PublishedEvents.expect(id, "crm.client.left", 1);
    }

    @Test
    void aReportWithoutABodyLeavesNowAndBadValuesAreA400NamingTheField() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        report(id, "{\"leftAt\": \"%s\"}".formatted(LocalDate.now().plusDays(2))).statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("leftAt"));
        report(id, "{\"leftAt\": \"2018-01-01\"}").statusCode(400).body("violations[0].field", equalTo("leftAt"));
        report(id, "{\"leftAt\": \"last week\"}").statusCode(400).body("violations[0].field", equalTo("leftAt"));
        report(id, "{\"reason\": \"moved abroad\"}").statusCode(400).body("violations[0].field", equalTo("reason"));
        given().when().get("/api/v1/clients/{id}/departure", id).then().statusCode(404);

        given().contentType(ContentType.JSON).when().post("/api/v1/clients/{id}/departure", id).then().statusCode(201)
                .body("reason", equalTo("REPORTED")).body("reportedReason", nullValue());
        PublishedEvents.expectOne(id, "crm.client.left");
    }

    @Test
    void anErasedClientIsA410AndAnUnknownOneA404() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().when().delete("/api/v1/clients/{id}", id).then().statusCode(204);
        report(id, "{}").statusCode(410).contentType("application/problem+json");
        report(UUID.randomUUID().toString(), "{}").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void closingTheLastOpenProductIsADepartureAndOpeningOneAfterwardsAReturn() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String account = ProductsTest.open(id, "CURRENT_ACCOUNT");
        String card = ProductsTest.open(id, "DEBIT_CARD");
        close(id, card, "2026-01-15");
        given().when().get("/api/v1/clients/{id}", id).then().body("leftAt", nullValue());
        close(id, account, "2026-02-01");

        var left = PublishedEvents.json(PublishedEvents.expectOne(id, "crm.client.left"));
        assertThat(left.get("reason").asText()).isEqualTo("ALL_PRODUCTS_CLOSED");
        assertThat(left.get("leftAt").asText()).startsWith("2026-02-01T00:00");
        given().when().get("/api/v1/clients/{id}", id).then()
                .body("leftAt", equalTo("2026-02-01T00:00:00Z")).body("leftReason", equalTo("ALL_PRODUCTS_CLOSED"));
        // a report after the last product closed answers the departure that stands
        report(id, "{}").statusCode(200).body("reason", equalTo("ALL_PRODUCTS_CLOSED"));

        ProductsTest.open(id, "SAVINGS_ACCOUNT");
        var returned = PublishedEvents.json(PublishedEvents.expectOne(id, "crm.client.returned"));
        assertThat(returned.get("clientId").asText()).isEqualTo(id);
        assertThat(returned.get("returnedAt").asText())
                .as("opened on 2024-05-02, before the departure: the return is never before it").startsWith("2026-02-01T00:00");
        given().when().get("/api/v1/clients/{id}", id).then().body("leftAt", nullValue()).body("leftReason", nullValue());

        List<String> order = typesOnTheTopic(id).stream()
                .filter(t -> t.equals("crm.client.product-opened") || t.equals("crm.client.product-closed")
                        || t.equals("crm.client.left") || t.equals("crm.client.returned"))
                .toList();
        assertThat(order).containsExactly("crm.client.product-opened", "crm.client.product-opened",
                "crm.client.product-closed", "crm.client.product-closed", "crm.client.left",
                "crm.client.product-opened", "crm.client.returned");
    }

    @Test
    void aClientReportedGoneWhoStillHoldsAProductIsNotReportedAgainWhenItCloses() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String account = ProductsTest.open(id, "CURRENT_ACCOUNT");
        report(id, "{}").statusCode(201);
        close(id, account, LocalDate.now().toString());
        // the return comes after the closing on the client's partition: once it is there, so is any departure of the closing
        ProductsTest.open(id, "DEBIT_CARD");
        PublishedEvents.expectOne(id, "crm.client.returned");
        ConsumerRecord<String, String> left = PublishedEvents.expect(id, "crm.client.left", 1).get(0);
        assertThat(PublishedEvents.json(left.value()).get("reason").asText()).isEqualTo("REPORTED");
    }

    static void close(String id, String productId, String closedAt) {
        given().queryParam("closedAt", closedAt)
                .when().delete("/api/v1/clients/{id}/products/{productId}", id, productId)
                .then().statusCode(200);
    }
}
