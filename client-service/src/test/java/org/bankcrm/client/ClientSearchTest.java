package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
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

@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.INTEGRATION, Roles.ADMIN })
class ClientSearchTest {

    /** A name part no other test uses: letters only, so it survives lower-casing and unaccenting as it is. */
    static String token() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            token.append((char) ('a' + random.nextInt(26)));
        }
        return token + "qz";
    }

    static String register(String fullName, String email, String phone, String ref) {
        return given().contentType(ContentType.JSON)
                .body("""
                        {"externalRef": "%s", "type": "INDIVIDUAL", "fullName": "%s", "birthDate": "1985-03-14",
                         "email": "%s", "phone": "%s"}
                        """.formatted(ref, fullName, email, phone))
                .when().post("/api/v1/clients")
                .then().statusCode(201).extract().path("id");
    }

    static String phone() {
        return "+4206" + String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits())).substring(0, 8);
    }

    @Test
    void anAnalystListsClientsWithoutTheirNameEmailOrPhoneAndMayNotSearchByThem() {
        String token = token();
        String ref = "CB-" + UUID.randomUUID();
        String id = register("Analyst Seen " + token, token + "@example.org", phone(), ref);
        // the channel role serves one client at a time and sees who they are
        given().queryParam("q", ref).when().get("/api/v1/clients").then().statusCode(200)
                .body("items[0].fullName", equalTo("Analyst Seen " + token));
        String analyst = org.bankcrm.platform.testing.TestTokens.bearer(Roles.ANALYST);
        List<java.util.Map<String, Object>> listed = given().header("Authorization", analyst)
                .queryParam("sort", "-createdAt").queryParam("size", 100)
                .when().get("/api/v1/clients").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(listed).isNotEmpty().anySatisfy(item -> assertThat(item.get("id")).isEqualTo(id))
                .allSatisfy(item -> {
                    assertThat(item.get("fullName")).as("name").isNull();
                    assertThat(item.get("email")).as("e-mail").isNull();
                    assertThat(item.get("phone")).as("phone").isNull();
                    assertThat(item.get("ageBand")).as("what an analyst works with").isNotNull();
                });
        for (String q : List.of(token, token + "@example.org", ref)) {
            given().header("Authorization", analyst).queryParam("q", q).when().get("/api/v1/clients")
                    .then().statusCode(403).contentType("application/problem+json").body("field", equalTo("q"));
        }
    }

    @Test
    void aNameFragmentMatchesWhateverItsCaseAndAccents() {
        String token = token();
        String id = register("Žofie Dvořáková " + token, token + "@example.org", phone(), "CB-" + UUID.randomUUID());
        for (String q : List.of("dvorakova " + token, "DVOŘÁKOVÁ " + token.toUpperCase(), "zofie dvořákova " + token)) {
            given().queryParam("q", q).when().get("/api/v1/clients")
                    .then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items.id", contains(id))
                    .body("items[0].fullName", equalTo("Žofie Dvořáková " + token));
        }
    }

    @Test
    void anEmailAPhoneOrAnExternalRefFindsTheirClient() {
        String token = token();
        String email = "Mixed." + token + "@Example.org";
        String phone = phone();
        String ref = "CB-" + UUID.randomUUID();
        String id = register("Petr Svoboda", email, phone, ref);
        for (String q : List.of(email.toLowerCase(), phone, ref)) {
            given().queryParam("q", q).when().get("/api/v1/clients")
                    .then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items.id", contains(id));
        }
    }

    @Test
    void pagesAreStableAndCountTheWholeResult() {
        String token = token();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(register("Same Name " + token, "p" + i + token + "@example.org", phone(), "CB-" + UUID.randomUUID()));
        }
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<String> items = given().queryParam("q", token).queryParam("size", 2).queryParam("page", page)
                    .queryParam("sort", "fullName")
                    .when().get("/api/v1/clients")
                    .then().statusCode(200)
                    .body("total", equalTo(5))
                    .body("totalExact", equalTo(true))
                    .body("totalPages", equalTo(3))
                    .body("page", equalTo(page))
                    .extract().path("items.id");
            seen.addAll(items);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        List<String> descending = given().queryParam("q", token).queryParam("size", 5).queryParam("sort", "-fullName")
                .when().get("/api/v1/clients").then().statusCode(200).extract().path("items.id");
        List<String> reversed = new ArrayList<>(seen);
        java.util.Collections.reverse(reversed);
        assertThat(descending).containsExactlyElementsOf(reversed);
    }

    @Test
    void anErasedClientIsNeverFound() {
        String token = token();
        String id = register("Eva Erased " + token, token + "@example.org", phone(), "CB-" + UUID.randomUUID());
        given().queryParam("q", token).when().get("/api/v1/clients").then().body("total", equalTo(1));
        given().when().delete("/api/v1/clients/{id}", id).then().statusCode(204);
        given().queryParam("q", token).when().get("/api/v1/clients").then().statusCode(200)
                .body("total", equalTo(0)).body("items", hasSize(0));
    }

    @Test
    void wildcardsInTheQueryAreTakenLiterally() {
        given().queryParam("q", "%%%").when().get("/api/v1/clients").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void badSearchParametersAreA400NamingTheParameter() {
        given().queryParam("size", 0).when().get("/api/v1/clients")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("size"));
        given().queryParam("size", 101).when().get("/api/v1/clients")
                .then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().queryParam("page", -1).when().get("/api/v1/clients")
                .then().statusCode(400).body("violations[0].field", equalTo("page"));
        given().queryParam("sort", "salary").when().get("/api/v1/clients")
                .then().statusCode(400).body("violations[0].field", equalTo("sort"));
        given().queryParam("quadrant", "GOLD").when().get("/api/v1/clients")
                .then().statusCode(400).body("violations[0].field", equalTo("quadrant"));
        given().queryParam("strategy", "UPSELL").when().get("/api/v1/clients")
                .then().statusCode(400).body("violations[0].field", equalTo("strategy"));
    }

    @Test
    void theTotalIsExactUpToTheCountLimitAndAnEstimateBeyondIt() {
        // the test profile counts exactly up to 50 matches (crm.client.search.count-limit)
        String token = token();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            clients.add("""
                    {"externalRef": "CB-%s", "type": "INDIVIDUAL", "fullName": "Many %s %d", "birthDate": "1985-03-14"}"""
                    .formatted(UUID.randomUUID(), token, i));
        }
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"clients\": [" + String.join(",", clients) + "]}")
                .when().post("/api/v1/clients:batch").then().statusCode(201);
        given().queryParam("q", token).queryParam("size", 10).when().get("/api/v1/clients").then().statusCode(200)
                .body("totalExact", equalTo(false))
                .body("total", org.hamcrest.Matchers.greaterThan(50))
                .body("items", hasSize(10));
        given().when().get("/api/v1/clients").then().statusCode(200)
                .body("totalExact", equalTo(false))
                .body("total", org.hamcrest.Matchers.greaterThan(50));
        given().queryParam("q", token + " 7").when().get("/api/v1/clients").then().statusCode(200)
                .body("totalExact", equalTo(true))
                .body("total", equalTo(1));
    }
}
