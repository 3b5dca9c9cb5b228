package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Reading, replacing, patching and erasing a client, and the events each change publishes. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ADMIN })
class ClientLifecycleTest {

    static String ref() {
        return "CB-" + UUID.randomUUID();
    }

    @Test
    void replacingAClientStoresTheNewDetailsAndPublishesOneUpdateNamingTheChangedFields() {
        String ref = ref();
        String id = ClientRegistrationTest.register(ref);
        String body = ClientRegistrationTest.clientJson(ref)
                .replace("jana.novakova@example.org", "jana@example.com")
                .replace("\"MIDDLE\"", "\"HIGH\"");
        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/clients/{id}", id)
                .then().statusCode(200)
                .body("email", equalTo("jana@example.com"))
                .body("incomeBracket", equalTo("HIGH"))
                .body("customerSince", equalTo("2019-04-01"))
                .body("products", hasSize(0))
                .body("segments", notNullValue());

        String data = PublishedEvents.expectOne(id, "crm.client.updated");
        var json = PublishedEvents.json(data);
        assertThat(json.get("changedFields").toString()).isEqualTo("[\"email\",\"incomeBracket\"]");
        assertThat(json.get("incomeBracket").asText()).isEqualTo("HIGH");
        assertThat(data).doesNotContain("example.com", "Nov", "1985-03-14", "03-14", ref);
        assertThat(json.get("birthYear").asInt()).as("of the birth date, only the year leaves").isEqualTo(1985);
        PublishedEvents.expect(id, "crm.client.consent-changed", 0);
    }

    @Test
    void patchingChangesOnlyTheFieldsGivenAndAConsentChangeIsPublishedWithItsSource() {
        String id = ClientRegistrationTest.register(ref());
        given().contentType("application/merge-patch+json")
                .body("""
                        {"phone": "+420777000111", "consents": {"marketingEmail": false}}
                        """)
                .when().patch("/api/v1/clients/{id}", id)
                .then().statusCode(200)
                .body("phone", equalTo("+420777000111"))
                .body("email", equalTo("jana.novakova@example.org"))
                .body("consents.marketingEmail", equalTo(false))
                .body("consents.marketingPush", equalTo(true))
                .body("products", hasSize(0))
                .body("segments", notNullValue());

        String updated = PublishedEvents.expectOne(id, "crm.client.updated");
        assertThat(PublishedEvents.json(updated).get("changedFields").toString()).isEqualTo("[\"phone\",\"consents\"]");
        assertThat(updated).doesNotContain("+420");
        var consent = PublishedEvents.json(PublishedEvents.expectOne(id, "crm.client.consent-changed"));
        assertThat(consent.get("source").asText()).isEqualTo("CLIENT_UPDATE");
        assertThat(consent.get("changes")).hasSize(1);
        assertThat(consent.at("/changes/0/purpose").asText()).isEqualTo("MARKETING_EMAIL");
        assertThat(consent.at("/changes/0/granted").asBoolean()).isFalse();
    }

    @Test
    void aPatchThatChangesNothingPublishesNothing() {
        String id = ClientRegistrationTest.register(ref());
        given().contentType(ContentType.JSON).body("{\"fullName\": \"Jana Nováková\"}")
                .when().patch("/api/v1/clients/{id}", id)
                .then().statusCode(200);
        PublishedEvents.expectOne(id, "crm.client.registered");
        assertThat(PublishedEvents.of(id, "crm.client.updated")).isEmpty();
    }

    @Test
    void consentsChangedFromAChannelKeepTheirHistoryWithTimeAndSource() {
        String id = ClientRegistrationTest.register(ref());
        given().contentType(ContentType.JSON).body("{\"source\": \"MOBILE_APP\", \"marketingSms\": true, \"profiling\": false}")
                .when().put("/api/v1/clients/{id}/consents", id)
                .then().statusCode(200)
                .body("current.marketingSms", equalTo(true))
                .body("current.profiling", equalTo(false))
                .body("current.marketingEmail", equalTo(true))
                // five answers at registration, two now
                .body("history", hasSize(7))
                .body("history[5].source", equalTo("MOBILE_APP"))
                .body("history[5].changedAt", notNullValue())
                .body("history.source", hasItem("REGISTRATION"));

        var consent = PublishedEvents.json(PublishedEvents.expectOne(id, "crm.client.consent-changed"));
        assertThat(consent.get("source").asText()).isEqualTo("MOBILE_APP");
        assertThat(consent.get("changes").findValuesAsText("purpose")).containsExactly("MARKETING_SMS", "PROFILING");
        assertThat(PublishedEvents.of(id, "crm.client.updated")).isEmpty();
    }

    @Test
    void erasureAnonymisesTheClientPublishesExactlyTheIdAndTimeAndLaterReadsAreGone() {
        String ref = ref();
        String id = ClientRegistrationTest.register(ref);
        given().when().delete("/api/v1/clients/{id}", id).then().statusCode(204);

        String data = PublishedEvents.expectOne(id, "crm.client.erased");
        var json = PublishedEvents.json(data);
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.get("clientId").asText()).isEqualTo(id);
        assertThat(json.get("erasedAt").asText()).isNotBlank();

        given().when().get("/api/v1/clients/{id}", id)
                .then().statusCode(410)
                .contentType("application/problem+json")
                .body("erasedAt", notNullValue());
        given().when().delete("/api/v1/clients/{id}", id).then().statusCode(410);
        given().contentType(ContentType.JSON).body("{\"fullName\": \"Back Again\"}")
                .when().patch("/api/v1/clients/{id}", id).then().statusCode(410);
        // the core-banking reference is free again: the bank may onboard the person anew
        ClientRegistrationTest.register(ref);
    }

    @Test
    void replacingWithInvalidFieldsIsA400NamingEachField() {
        String id = ClientRegistrationTest.register(ref());
        given().contentType(ContentType.JSON)
                .body("""
                        {"externalRef": "", "type": "INDIVIDUAL", "fullName": "%s", "birthDate": "1985-03-14",
                         "email": "nope", "phone": "601234567"}
                        """.formatted("x".repeat(201)))
                .when().put("/api/v1/clients/{id}", id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("externalRef"))
                .body("violations.field", hasItem("fullName"))
                .body("violations.field", hasItem("email"))
                .body("violations.field", hasItem("phone"));
    }

    @Test
    void patchingInvalidFieldsIsA400NamingEachField() {
        String id = ClientRegistrationTest.register(ref());
        given().contentType(ContentType.JSON)
                .body("{\"fullName\": \"  \", \"email\": \"nope\", \"incomeBracket\": \"RICH\"}")
                .when().patch("/api/v1/clients/{id}", id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("incomeBracket"));
        given().contentType(ContentType.JSON)
                .body("{\"fullName\": \"  \", \"email\": \"nope\"}")
                .when().patch("/api/v1/clients/{id}", id)
                .then().statusCode(400)
                .body("violations.field", hasItem("fullName"))
                .body("violations.field", hasItem("email"));
        given().contentType(ContentType.JSON)
                .body("{\"birthDate\": \"%s\"}".formatted(java.time.LocalDate.now().minusYears(5)))
                .when().patch("/api/v1/clients/{id}", id)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("birthDate"));
        given().contentType(ContentType.JSON)
                .body("{\"source\": \"mobile app\"}")
                .when().put("/api/v1/clients/{id}/consents", id)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("source"));
    }

    @Test
    void aBusinessClientMayDropTheBirthDateButAnIndividualMayNot() {
        String id = ClientRegistrationTest.register(ref());
        given().contentType(ContentType.JSON).body("{\"type\": \"BUSINESS\"}")
                .when().patch("/api/v1/clients/{id}", id)
                .then().statusCode(200).body("ageBand", equalTo("UNKNOWN"));
        String ref = ref();
        String individual = ClientRegistrationTest.register(ref);
        given().contentType(ContentType.JSON)
                .body(ClientRegistrationTest.clientJson(ref).replace("\"birthDate\": \"1985-03-14\",", ""))
                .when().put("/api/v1/clients/{id}", individual)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("birthDate"));
    }

    @Test
    void takingAnotherClientsExternalRefIsA409WithItsId() {
        String takenRef = ref();
        String other = ClientRegistrationTest.register(takenRef);
        String id = ClientRegistrationTest.register(ref());
        given().contentType(ContentType.JSON).body("{\"externalRef\": \"%s\"}".formatted(takenRef))
                .when().patch("/api/v1/clients/{id}", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("existingId", equalTo(other));
    }

    @Test
    void changingAnUnknownClientIsA404() {
        UUID unknown = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(ClientRegistrationTest.clientJson(ref()))
                .when().put("/api/v1/clients/{id}", unknown).then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"phone\": \"+420777000111\"}")
                .when().patch("/api/v1/clients/{id}", unknown).then().statusCode(404);
        given().when().delete("/api/v1/clients/{id}", unknown).then().statusCode(404);
        given().when().get("/api/v1/clients/{id}/consents", unknown).then().statusCode(404);
        given().when().get("/api/v1/clients/{id}", "not-a-uuid").then().statusCode(404);
    }

    @Test
    void aBodyThatIsNoJsonIsA400() {
        String id = ClientRegistrationTest.register(ref());
        given().contentType(ContentType.JSON).body("{\"phone\": ")
                .when().patch("/api/v1/clients/{id}", id).then().statusCode(400)
                .contentType("application/problem+json").body("birthDate", nullValue());
    }
}
