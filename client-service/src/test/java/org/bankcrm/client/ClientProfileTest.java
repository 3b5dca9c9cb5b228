package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

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
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION })
class ClientProfileTest {

    static String withProfile(String ref, String profile) {
        return """
                {"externalRef": "%s", "type": "INDIVIDUAL", "fullName": "Petr Svoboda", "birthDate": "1984-02-11",
                 "incomeBracket": "MIDDLE", %s}""".formatted(ref, profile);
    }

    static final String PROFILE = """
            "occupation": "PUBLIC_SERVANT", "maritalStatus": "MARRIED", "education": "TERTIARY", "householdSize": 4, "dependants": 2,
            "countryOfResidence": "DE\"""";

    @Test
    void theProfileIsRegisteredReadAndPublished() {
        String id = given().contentType(ContentType.JSON).body(withProfile("CB-" + UUID.randomUUID(), PROFILE))
                .when().post("/api/v1/clients").then().statusCode(201)
                .body("occupation", equalTo("PUBLIC_SERVANT"))
                .extract().path("id");
        given().when().get("/api/v1/clients/{id}", id).then().statusCode(200)
                .body("occupation", equalTo("PUBLIC_SERVANT"))
                .body("maritalStatus", equalTo("MARRIED"))
                .body("education", equalTo("TERTIARY"))
                .body("householdSize", equalTo(4))
                .body("dependants", equalTo(2))
                .body("countryOfResidence", equalTo("DE"));
        var registered = PublishedEvents.json(PublishedEvents.expectOne(id, "crm.client.registered"));
        assertThat(registered.get("occupation").asText()).isEqualTo("PUBLIC_SERVANT");
        assertThat(registered.get("maritalStatus").asText()).isEqualTo("MARRIED");
        assertThat(registered.get("education").asText()).isEqualTo("TERTIARY");
        assertThat(registered.get("householdSize").asInt()).isEqualTo(4);
        assertThat(registered.get("dependants").asInt()).isEqualTo(2);
        assertThat(registered.get("countryOfResidence").asText()).isEqualTo("DE");
    }

    @Test
    void aPatchChangesTheProfileAndTheUpdateNamesTheFieldsAndCarriesTheValues() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().contentType(ContentType.JSON)
                .body("{\"occupation\": \"RETIRED\", \"householdSize\": 2, \"countryOfResidence\": \"ES\"}")
                .when().patch("/api/v1/clients/{id}", id).then().statusCode(200)
                .body("occupation", equalTo("RETIRED"))
                .body("maritalStatus", nullValue())
                .body("countryOfResidence", equalTo("ES"));
        var updated = PublishedEvents.json(PublishedEvents.expectOne(id, "crm.client.updated"));
        assertThat(updated.get("changedFields").toString())
                .isEqualTo("[\"occupation\",\"householdSize\",\"countryOfResidence\"]");
        assertThat(updated.get("countryOfResidence").asText()).isEqualTo("ES");
        assertThat(updated.get("occupation").asText()).isEqualTo("RETIRED");
        assertThat(updated.get("householdSize").asInt()).isEqualTo(2);

        // a replacement without the profile empties it, as any optional field
        given().contentType(ContentType.JSON).body(ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID()))
                .when().put("/api/v1/clients/{id}", id).then().statusCode(200)
                .body("occupation", nullValue()).body("householdSize", nullValue()).body("countryOfResidence", nullValue());
    }

    @Test
    void unknownCodesAndCountsOutOfRangeAreA400NamingTheField() {
        given().contentType(ContentType.JSON).body(withProfile("CB-" + UUID.randomUUID(), "\"occupation\": \"ASTRONAUT\""))
                .when().post("/api/v1/clients").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("occupation"));
        given().contentType(ContentType.JSON).body(withProfile("CB-" + UUID.randomUUID(), "\"maritalStatus\": \"ENGAGED\""))
                .when().post("/api/v1/clients").then().statusCode(400)
                .body("violations.field", hasItem("maritalStatus"));
        given().contentType(ContentType.JSON)
                .body(withProfile("CB-" + UUID.randomUUID(), "\"householdSize\": 0, \"dependants\": 21"))
                .when().post("/api/v1/clients").then().statusCode(400)
                .body("violations.field", hasItem("householdSize"))
                .body("violations.field", hasItem("dependants"));
    }

    @Test
    void aCountryOfResidenceOutsideIso3166IsA400NamingTheFieldInSingleBatchAndPatch() {
        for (String bad : List.of("\"XX\"", "\"de\"", "\"DEU\"", "\"\"")) {
            given().contentType(ContentType.JSON).body(withProfile("CB-" + UUID.randomUUID(), "\"countryOfResidence\": " + bad))
                    .when().post("/api/v1/clients").then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("countryOfResidence"));
        }
        given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(BulkLoadTest.batch(List.of(withProfile("CB-" + UUID.randomUUID(), PROFILE),
                        withProfile("CB-" + UUID.randomUUID(), "\"countryOfResidence\": \"ZZ\""))))
                .when().post("/api/v1/clients:batch").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("clients[1].countryOfResidence"));
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().contentType(ContentType.JSON).body("{\"countryOfResidence\": \"UK\"}")
                .when().patch("/api/v1/clients/{id}", id).then().statusCode(400)
                .body("violations.field", hasItem("countryOfResidence"));
    }

    @Test
    void aBulkLoadCarriesTheProfile() {
        List<String> ids = given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(BulkLoadTest.batch(List.of(withProfile("CB-" + UUID.randomUUID(), PROFILE))))
                .when().post("/api/v1/clients:batch").then().statusCode(201).extract().path("ids");
        given().when().get("/api/v1/clients/{id}", ids.get(0)).then()
                .body("education", equalTo("TERTIARY")).body("dependants", equalTo(2));
        var registered = PublishedEvents.json(PublishedEvents.expectOne(ids.get(0), "crm.client.registered"));
        assertThat(registered.get("householdSize").asInt()).isEqualTo(4);
        assertThat(registered.get("countryOfResidence").asText()).isEqualTo("DE");
    }

    @Test
    void aSegmentMayBeDefinedOnTheProfile() {
        String code = "PS_FAMILIES_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().contentType(ContentType.JSON)
                .header(org.bankcrm.platform.testing.TestTokens.header(Roles.MARKETING))
                .body("""
                        {"code": "%s", "name": "Public servants with children",
                         "condition": {"all": [{"occupation": ["PUBLIC_SERVANT"]}, {"dependants": {"min": 1}}]}}
                        """.formatted(code))
                .when().post("/api/v1/segments").then().statusCode(201);
        String id = given().contentType(ContentType.JSON).body(withProfile("CB-" + UUID.randomUUID(), PROFILE))
                .when().post("/api/v1/clients").then().statusCode(201).extract().path("id");
        given().when().get("/api/v1/clients/{id}", id).then().body("segments", hasItem(code));
    }
}
