package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.EventContracts;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class ClientRegistrationTest {
    static final String TOPIC = "crm.client.events.v1";

    static String clientJson(String externalRef) {
        return """
                {"externalRef": "%s", "type": "INDIVIDUAL", "fullName": "Jana Nováková",
                 "birthDate": "1985-03-14", "email": "jana.novakova@example.org", "phone": "+420601234567",
                 "incomeBracket": "MIDDLE", "customerSince": "2019-04-01",
                 "consents": {"marketingEmail": true, "marketingSms": false, "marketingPush": true, "marketingPhone": false, "profiling": true}}
                """.formatted(externalRef);
    }

    static String register(String externalRef) {
        return given().contentType(ContentType.JSON).body(clientJson(externalRef))
                .when().post("/api/v1/clients")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/clients/"))
                .body("id", notNullValue())
                // the answer is the client as a read shows it: no products yet, the segments it was placed in
                .body("products", hasSize(0))
                .body("segments", notNullValue())
                .extract().path("id");
    }

    @Test
    void registeredClientIsStoredAndPublishedOnceAsACloudEventWithoutPersonalData() {
        String ref = "CB-" + UUID.randomUUID();
        String id = register(ref);

        given().when().get("/api/v1/clients/{id}", id)
                .then().statusCode(200)
                .body("externalRef", equalTo(ref))
                .body("fullName", equalTo("Jana Nováková"))
                .body("ageBand", equalTo("AGE_35_44"))
                .body("consents.marketingEmail", equalTo(true));

        await().atMost(Duration.ofSeconds(10)).until(() -> !PublishedEvents.of(id, "crm.client.registered").isEmpty());
        // the registration also publishes the client's first value (crm.client.value-changed)
        List<ConsumerRecord<String, String>> mine = PublishedEvents.of(id, "crm.client.registered");
        assertThat(mine).as("exactly one registration event for the client").hasSize(1);

        ConsumerRecord<String, String> event = mine.get(0);
        assertThat(CloudEventRecords.header(event.headers(), "ce_specversion")).isEqualTo("1.0");
        assertThat(CloudEventRecords.header(event.headers(), "ce_type")).isEqualTo("crm.client.registered");
        assertThat(CloudEventRecords.header(event.headers(), "ce_source")).isEqualTo("/bank-crm/client-service");
        assertThat(CloudEventRecords.header(event.headers(), "ce_subject")).isEqualTo(id);
        assertThat(CloudEventRecords.header(event.headers(), "ce_id")).isNotBlank();
        assertThat(CloudEventRecords.header(event.headers(), "ce_time")).isNotBlank();
        assertThat(CloudEventRecords.header(event.headers(), "content-type")).isEqualTo("application/json");

        assertThat(EventContracts.violations("contracts/crm.client.registered.schema.json", event.value())).isEmpty();
        assertThat(event.value()).doesNotContain("Nov", "jana", "+420", "1985-03-14", "03-14", ref);
        assertThat(PublishedEvents.json(event.value()).get("birthYear").asInt()).as("of the birth date, only the year leaves")
                .isEqualTo(1985);
    }

    @Test
    void theContractExampleMatchesTheSchema() {
        assertThat(EventContracts.violations("contracts/crm.client.registered.schema.json",
                EventContracts.resource("contracts/examples/crm.client.registered.json"))).isEmpty();
    }

    @Test
    void invalidFieldsAreA400ProblemNamingEachField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"externalRef": "CB-X", "type": "INDIVIDUAL", "fullName": " ", "birthDate": "1985-03-14",
                         "email": "not-an-email", "phone": "00420 601"}
                        """)
                .when().post("/api/v1/clients")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem("fullName"))
                .body("violations.field", hasItem("email"))
                .body("violations.field", hasItem("phone"));
    }

    @Test
    void anIndividualYoungerThanFourteenIsRefusedOnTheBirthDate() {
        String young = java.time.LocalDate.now().minusYears(10).toString();
        given().contentType(ContentType.JSON)
                .body("""
                        {"externalRef": "CB-%s", "type": "INDIVIDUAL", "fullName": "Young One", "birthDate": "%s"}
                        """.formatted(UUID.randomUUID(), young))
                .when().post("/api/v1/clients")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("birthDate"));
    }

    @Test
    void anUnknownEnumerationValueNamesTheFieldAndTheAllowedValues() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"externalRef": "CB-E", "type": "PERSON", "fullName": "A B"}
                        """)
                .when().post("/api/v1/clients")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("type"))
                .body("violations[0].message", startsWith("must be one of"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"externalRef\": ")
                .when().post("/api/v1/clients")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"));
    }

    @Test
    void aSecondClientWithTheSameExternalRefIsA409WithTheExistingId() {
        String ref = "CB-" + UUID.randomUUID();
        String id = register(ref);
        given().contentType(ContentType.JSON).body(clientJson(ref))
                .when().post("/api/v1/clients")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("existingId", equalTo(id));
    }

    @Test
    void anUnknownClientIsA404Problem() {
        given().when().get("/api/v1/clients/{id}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
