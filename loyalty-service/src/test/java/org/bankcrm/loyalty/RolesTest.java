package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.RoleChecks;
import org.bankcrm.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every endpoint against its role matrix with real signed tokens (allowed roles get the answer, every other role a
 * 403 problem, no / expired / foreign token a 401 problem); the ops endpoints answer without a token.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
class RolesTest {
    private static String scored;

    /** A client with a score (RestAssured knows the service's port only inside a test, not in a @BeforeAll). */
    static synchronized String scoredClient() {
        if (scored == null) {
            String clientId = UUID.randomUUID().toString();
            LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(3)));
            await().atMost(LoyaltyChainTest.WAIT).until(() -> given().header(TestTokens.header(Roles.CHANNEL))
                    .get("/api/v1/clients/{id}/loyalty", clientId).statusCode() == 200);
            scored = clientId;
        }
        return scored;
    }

    @Test
    void aClientsLoyaltyIsReadByChannelsAndAnalysts() {
        RoleChecks.get("/api/v1/clients/{id}/loyalty", scoredClient()).allow(Roles.CHANNEL, Roles.ANALYST).check();
        RoleChecks.get("/api/v1/clients/{id}/loyalty/history", scoredClient()).allow(Roles.CHANNEL, Roles.ANALYST).check();
    }

    @Test
    void theDistributionIsForAnalysts() {
        RoleChecks.get("/api/v1/loyalty/distribution").allow(Roles.ANALYST).check();
    }

    @Test
    void theKpisAreForAnalystsAndMarketing() {
        RoleChecks.get("/api/v1/kpis").allow(Roles.ANALYST, Roles.MARKETING).check();
        RoleChecks.get("/api/v1/kpis/monthly").allow(Roles.ANALYST, Roles.MARKETING).check();
    }

    @Test
    void theChurnModelIsForAnalysts() {
        RoleChecks.get("/api/v1/churn-model").allow(Roles.ANALYST).check();
        RoleChecks.post("/api/v1/churn-model/labelling-runs").allow(Roles.ADMIN).check();
    }

    @Test
    void recomputationsAreForAdmins() {
        RoleChecks.post("/api/v1/loyalty/recomputations").allow(Roles.ADMIN).expect(202).check();
        String id = given().header(TestTokens.header(Roles.ADMIN)).post("/api/v1/loyalty/recomputations")
                .then().statusCode(202).extract().path("id");
        RoleChecks.get("/api/v1/loyalty/recomputations/{id}", id).allow(Roles.ADMIN).check();
    }

    @Test
    void theReadModelIsForChannelsAnalystsAndAdmins() {
        RoleChecks.get("/api/v1/read-model/clients/{id}", scoredClient()).allow(Roles.CHANNEL, Roles.ANALYST, Roles.ADMIN).check();
        RoleChecks.get("/api/v1/read-model/clients/{id}/parked", scoredClient()).allow(Roles.CHANNEL, Roles.ANALYST, Roles.ADMIN).check();
    }

    @Test
    void healthMetricsAndTheApiDescriptionNeedNoToken() {
        RoleChecks.open("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi");
    }
}
