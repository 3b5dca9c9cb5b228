package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

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

/** Optimistic concurrency the HTTP way: the ETag is the version of the client's record, If-Match guards a change. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION })
class ClientVersionTest {

    static Response patch(String id, String ifMatch, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().patch("/api/v1/clients/{id}", id);
    }

    @Test
    void theETagIsTheRecordsVersionWhichEachChangeOfTheRecordRaisesAndProductsLeaveAlone() {
        String body = ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID());
        String id = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/clients")
                .then().statusCode(201).header("ETag", "\"1\"").extract().path("id");
        given().when().get("/api/v1/clients/{id}", id).then().statusCode(200).header("ETag", "\"1\"");

        patch(id, null, "{\"fullName\": \"Jana Nová\"}").then().statusCode(200).header("ETag", "\"2\"");
        // nothing changed, nothing to version
        patch(id, null, "{\"fullName\": \"Jana Nová\"}").then().statusCode(200).header("ETag", "\"2\"");
        given().contentType(ContentType.JSON).body("{\"source\": \"MOBILE_APP\", \"marketingSms\": true}")
                .when().put("/api/v1/clients/{id}/consents", id).then().statusCode(200);
        given().when().get("/api/v1/clients/{id}", id).then().header("ETag", "\"3\"");

        // what the client holds and their figures are not the record a channel edits: no If-Match of theirs goes stale by them
        given().contentType(ContentType.JSON).body("{\"type\": \"CURRENT_ACCOUNT\"}")
                .when().post("/api/v1/clients/{id}/products", id).then().statusCode(201);
        given().contentType(ContentType.JSON).body(FinancialsAndValueTest.figures(FinancialsAndValueTest.month(1), 40, 15))
                .when().post("/api/v1/clients/{id}/financials", id).then().statusCode(201);
        given().when().get("/api/v1/clients/{id}", id).then().header("ETag", "\"3\"");
        given().contentType(ContentType.JSON).body(body).header("If-Match", "\"3\"")
                .when().put("/api/v1/clients/{id}", id).then().statusCode(200).header("ETag", "\"4\"");
    }

    @Test
    void aChangeWithAStaleIfMatchIsA412AndChangesNothingWhileTheCurrentOneGoesThrough() {
        String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        patch(id, "\"1\"", "{\"fullName\": \"Jana Druhá\"}").then().statusCode(200).header("ETag", "\"2\"");

        patch(id, "\"1\"", "{\"fullName\": \"Jana Zastaralá\"}").then().statusCode(412)
                .contentType("application/problem+json")
                .body("status", equalTo(412))
                .body("currentETag", equalTo("\"2\""));
        given().contentType(ContentType.JSON).body(ClientRegistrationTest.clientJson("CB-" + UUID.randomUUID()))
                .header("If-Match", "\"1\"").when().put("/api/v1/clients/{id}", id)
                .then().statusCode(412).contentType("application/problem+json");
        // a weak tag never matches: If-Match compares strongly
        patch(id, "W/\"2\"", "{\"fullName\": \"Jana Slabá\"}").then().statusCode(412);
        given().when().get("/api/v1/clients/{id}", id).then().header("ETag", "\"2\"").body("fullName", equalTo("Jana Druhá"));

        patch(id, "\"7\", \"2\"", "{\"fullName\": \"Jana Třetí\"}").then().statusCode(200).header("ETag", "\"3\"");
        patch(id, "*", "{\"fullName\": \"Jana Čtvrtá\"}").then().statusCode(200).header("ETag", "\"4\"");
        patch(id, null, "{\"fullName\": \"Jana Pátá\"}").then().statusCode(200).header("ETag", "\"5\"");
    }

    @Test
    void twoChangesMadeFromTheSameReadAtOnceApplyOneAndAnswerTheOther412() throws Exception {
        for (int round = 0; round < ConcurrencyTest.ROUNDS; round++) {
            String id = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
            Supplier<Response> first = () -> patch(id, "\"1\"", "{\"fullName\": \"Jana První\"}");
            Supplier<Response> second = () -> patch(id, "\"1\"", "{\"email\": \"jana.druha@example.org\"}");
            List<Response> answers = ConcurrencyTest.together(first, second);
            assertThat(ConcurrencyTest.statuses(answers)).as("round %d", round).containsExactly(200, 412);
            given().when().get("/api/v1/clients/{id}", id).then().header("ETag", "\"2\"");
        }
    }

    @Test
    void theOpenApiDocumentNamesTheETagIfMatchAnd412And428() {
        String path = "paths.'/api/v1/clients/{id}'";
        given().accept(ContentType.JSON).queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body(path + ".get.responses.'200'.headers.ETag", notNullValue())
                .body(path + ".patch.parameters.name", hasItem("If-Match"))
                .body(path + ".put.parameters.name", hasItem("If-Match"))
                .body(path + ".patch.responses.'412'", notNullValue())
                .body(path + ".put.responses.'428'", notNullValue());
    }
}
