package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
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

@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.INTEGRATION, Roles.CHANNEL })
class BulkLoadTest {

    static String client(String ref, String birthDate, String email) {
        return """
                {"externalRef": "%s", "type": "INDIVIDUAL", "fullName": "Bulk Client", "birthDate": "%s", "email": "%s",
                 "incomeBracket": "MIDDLE", "consents": {"marketingEmail": true}}""".formatted(ref, birthDate, email);
    }

    static String batch(List<String> clients) {
        return "{\"clients\": [" + String.join(",", clients) + "]}";
    }

    // REST Assured would send the colon of clients:batch as %3A, which the router does not decode

    static String ref() {
        return "CB-" + UUID.randomUUID();
    }

    @Test
    void aBatchRegistersEveryClientWithTheEventsOfASingleRegistration() {
        String retiree = LocalDate.now().minusYears(70).toString();
        List<String> refs = List.of(ref(), ref(), ref());
        List<String> ids = given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(batch(List.of(client(refs.get(0), "1990-01-01", "a@example.org"), client(refs.get(1), retiree, "b@example.org"),
                        client(refs.get(2), "1980-06-30", "c@example.org"))))
                .when().post("/api/v1/clients:batch")
                .then().statusCode(201)
                .body("count", equalTo(3))
                .extract().path("ids");
        assertThat(ids).hasSize(3);
        given().when().get("/api/v1/clients/{id}", ids.get(1)).then().statusCode(200)
                .body("externalRef", equalTo(refs.get(1)))
                .body("segments", hasItem("RETIREES"))
                .body("valueQuadrant", org.hamcrest.Matchers.notNullValue());
        for (String id : ids) {
            PublishedEvents.expectOne(id, "crm.client.registered");
            PublishedEvents.expectOne(id, "crm.client.value-changed");
        }
        PublishedEvents.expectOne(ids.get(1), "crm.client.segment-changed");
        given().when().get("/api/v1/clients/{id}/consents", ids.get(0)).then().body("history", hasSize(5));
    }

    @Test
    void anInvalidClientRejectsTheWholeBatchNamingItsIndexAndField() {
        String ref = ref();
        given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(batch(List.of(client(ref, "1990-01-01", "a@example.org"), client(ref(), "1990-01-01", "not-an-email"),
                        client(ref(), LocalDate.now().minusYears(5).toString(), "c@example.org"))))
                .when().post("/api/v1/clients:batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("clients[1].email"));
        given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(batch(List.of(client(ref, "1990-01-01", "a@example.org"),
                        client(ref(), LocalDate.now().minusYears(5).toString(), "c@example.org"))))
                .when().post("/api/v1/clients:batch")
                .then().statusCode(400).body("violations.field", hasItems("clients[1].birthDate"));
        given().queryParam("q", ref).when().get("/api/v1/clients").then().body("total", equalTo(0));
    }

    @Test
    void aRepeatedOrTakenExternalRefIsA409NamingTheIndex() {
        String ref = ref();
        given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(batch(List.of(client(ref, "1990-01-01", "a@example.org"), client(ref, "1990-01-01", "b@example.org"))))
                .when().post("/api/v1/clients:batch")
                .then().statusCode(409).contentType("application/problem+json").body("index", equalTo(1));
        String existing = ClientRegistrationTest.register(ref);
        given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(batch(List.of(client(ref(), "1990-01-01", "a@example.org"), client(ref, "1990-01-01", "b@example.org"))))
                .when().post("/api/v1/clients:batch")
                .then().statusCode(409).body("existingId", equalTo(existing)).body("index", equalTo(1));
    }

    @Test
    void aBatchHoldsOneToAThousandClients() {
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"clients\": []}")
                .when().post("/api/v1/clients:batch")
                .then().statusCode(400).body("violations[0].field", equalTo("clients"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(client("CB-X" + i, "1990-01-01", "x@example.org"));
        }
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(batch(many))
                .when().post("/api/v1/clients:batch")
                .then().statusCode(400).body("violations[0].field", equalTo("clients"));
    }

    @Test
    void aThousandClientsAreRegisteredInOneCallWithTheirEvents() {
        String retiree = LocalDate.now().minusYears(70).toString();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(client(ref(), i % 2 == 0 ? "1990-01-01" : retiree, "m" + i + "@example.org"));
        }
        List<String> ids = given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(batch(many))
                .when().post("/api/v1/clients:batch")
                .then().statusCode(201).body("count", equalTo(1000))
                .extract().path("ids");
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
        given().when().get("/api/v1/clients/{id}", ids.get(999)).then().statusCode(200)
                .body("email", equalTo("m999@example.org"))
                .body("segments", hasItem("RETIREES"));
        given().when().get("/api/v1/clients/{id}/consents", ids.get(500)).then().body("history", hasSize(5));
        for (String id : List.of(ids.get(0), ids.get(999))) {
            PublishedEvents.expectOne(id, "crm.client.registered");
            PublishedEvents.expectOne(id, "crm.client.value-changed");
        }
        PublishedEvents.expectOne(ids.get(999), "crm.client.segment-changed");
    }
}
