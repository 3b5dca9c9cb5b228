package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.MARKETING, Roles.ANALYST })
class SegmentVersionTest {
    static final String DEFINITION = """
            {"name": "%s", "condition": {"preferredChannel": ["ATM"]}, "expectedProducts": ["DEBIT_CARD"], "active": false}
            """;

    static Response redefine(String id, String ifMatch, String name) {
        return given().contentType(ContentType.JSON).header("If-Match", ifMatch).body(DEFINITION.formatted(name))
                .when().put("/api/v1/segments/{id}", id);
    }

    @Test
    void aSegmentsETagIsItsVersionAndARedefinitionFromAStaleReadIsA412() throws Exception {
        String code = "ATM_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String id = given().contentType(ContentType.JSON).body("{\"code\": \"%s\", %s".formatted(code,
                DEFINITION.formatted("ATM users").trim().substring(1)))
                .when().post("/api/v1/segments").then().statusCode(201).header("ETag", "\"1\"").extract().path("id");
        given().when().get("/api/v1/segments/{id}", id).then().statusCode(200).header("ETag", "\"1\"");

        redefine(id, "\"1\"", "ATM users, second").then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        redefine(id, "\"1\"", "ATM users, stale").then().statusCode(412).contentType("application/problem+json")
                .body("currentETag", equalTo("\"2\""));
        given().when().get("/api/v1/segments/{id}", id).then().body("name", equalTo("ATM users, second"));

        // two redefinitions from one read at once: one goes through, the other is told it is stale
        Supplier<Response> first = () -> redefine(id, "\"2\"", "ATM users, third");
        Supplier<Response> second = () -> redefine(id, "\"2\"", "ATM users, fourth");
        List<Response> answers = ConcurrencyTest.together(first, second);
        assertThat(ConcurrencyTest.statuses(answers)).containsExactly(200, 412);
        given().when().get("/api/v1/segments/{id}", id).then().header("ETag", "\"3\"");
    }
}
