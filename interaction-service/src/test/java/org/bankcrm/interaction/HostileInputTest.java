package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.HostileInputs;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every operation of the OpenAPI document, with every field and parameter mutated: no 5xx, every error a problem. */
@QuarkusTest
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
@QuarkusTestResource(CrmTestResource.class)
class HostileInputTest {
    @Test
    void noHostileInputToAnyOperationGetsAServerErrorOrAnAnswerThatIsNotAProblem() {
        String clientId = TestClients.known();
        HostileInputs run = HostileInputs.of("interaction-service")
                .value("clientId", clientId)
                .fresh("id", () -> UUID.randomUUID().toString())
                .body("POST /api/v1/interactions", TestClients.touchpoint(UUID.randomUUID().toString(), clientId))
                .run();
        assertThat(run.sent()).isGreaterThan(500);
        run.assertClean();
    }

    @Test
    void aNulInTheNotesIsA400NamingThemWhileLineBreaksAreKept() {
        String clientId = TestClients.known();
        given().contentType(ContentType.JSON)
                .body(TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "notes", "card\\u0000blocked"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("notes"))
                .body("violations[0].message", startsWith("must not contain the control character U+0000"));
        given().contentType(ContentType.JSON)
                .body(TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "notes", "line one\\r\\n\\tline two"))
                .when().post("/api/v1/interactions")
                .then().statusCode(201);
    }

    @Test
    void metricsOfAPeriodOutsideThePlatformRangeAreA400NamingTheParameter() {
        given().when().get("/api/v1/cx/metrics?from=-5000-01-01")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
        given().when().get("/api/v1/cx/metrics?to=%2B99999-01-01")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("to"));
    }

    @Test
    void aPageWhoseOffsetWouldOverflowIsA400NamingPage() {
        for (String list : new String[] { "interactions", "journeys" }) {
            given().when().get("/api/v1/clients/{id}/" + list + "?page=10737419&size=200", UUID.randomUUID())
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("page"));
        }
    }
}
