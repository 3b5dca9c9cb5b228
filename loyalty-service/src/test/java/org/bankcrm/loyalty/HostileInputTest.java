package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.HostileInputs;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every operation of the OpenAPI document, with every field and parameter mutated: no 5xx, every error a problem. */
@QuarkusTest
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.ADMIN })
@QuarkusTestResource(CrmTestResource.class)
class HostileInputTest {
    @Test
    void noHostileInputToAnyOperationGetsAServerErrorOrAnAnswerThatIsNotAProblem() {
        String clientId = UUID.randomUUID().toString();
        // a scored client, so that reads of it run past the 404
        LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.of(2019, 4, 1)));
        LoyaltyChainTest.send(TestEvents.productOpened(clientId, "CURRENT_ACCOUNT", List.of("CURRENT_ACCOUNT")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/v1/clients/{id}/loyalty", clientId).statusCode() == 200);
        HostileInputs run = HostileInputs.of("loyalty-service")
                .value("clientId", clientId)
                .run();
        assertThat(run.sent()).isGreaterThan(100);
        run.assertClean();
    }

    @Test
    void aHistoryPageWhoseOffsetWouldOverflowIsA400NamingPage() {
        given().when().get("/api/v1/clients/{id}/loyalty/history?page=4300000&size=500", UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("page"));
    }
}
