package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
@CallsAs({ Roles.CHANNEL, Roles.MARKETING, Roles.ANALYST })
@QuarkusTestResource(CrmTestResource.class)
class HostileInputTest {
    @Test
    void noHostileInputToAnyOperationGetsAServerErrorOrAnAnswerThatIsNotAProblem() {
        String clientId = UUID.randomUUID().toString();
        TestEvents.send(TestEvents.registered(clientId, "AGE_35_44", TestEvents.consents(true, true, true, true, true)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> given().get("/api/v1/read-model/clients/{id}", clientId).statusCode() == 200);
        // a decision of that client, so that responses to it run past the 404
        String decisionId = given().contentType(ContentType.JSON)
                .body("{\"clientId\": \"" + clientId + "\", \"channel\": \"BRANCH\", \"limit\": 3}")
                .post("/api/v1/decisions").then().statusCode(201).extract().path("decisionId");
        HostileInputs run = HostileInputs.of("offer-service")
                .value("clientId", clientId)
                .value("decisionId", decisionId)
                .fresh("code", () -> "HOSTILE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_'))
                .body("POST /api/v1/decisions", "{\"clientId\": \"" + clientId + "\", \"channel\": \"BRANCH\", \"limit\": 3}")
                .body("POST /api/v1/offers", """
                        {"code": "HOSTILE_TEST", "name": "Hostile", "category": "RETENTION", "condition": {"quadrant": ["PROFITABLE_HIGH_POTENTIAL"]},
                         "channels": ["BRANCH"], "value": 10}""")
                .run();
        assertThat(run.sent()).isGreaterThan(500);
        run.assertClean();
    }
}
