package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
    private static String known;
    private static String touchpoint;

    /** A client known from its registration event, with one touchpoint (RestAssured has the port only inside a test). */
    static synchronized String knownClient() {
        if (known == null) {
            String clientId = UUID.randomUUID().toString();
            TestClients.sendRegistered(clientId);
            await().atMost(Duration.ofSeconds(20)).until(() -> given().header(TestTokens.header(Roles.CHANNEL))
                    .get("/api/v1/read-model/clients/{id}", clientId).statusCode() == 200);
            touchpoint = UUID.randomUUID().toString();
            given().header(TestTokens.header(Roles.CHANNEL)).contentType("application/json")
                    .body(TestClients.touchpoint(touchpoint, clientId)).post("/api/v1/interactions").then().statusCode(201);
            known = clientId;
        }
        return known;
    }

    @Test
    void touchpointsAreRecordedByChannelsAndOtherBankSystems() {
        String clientId = knownClient();
        RoleChecks.post("/api/v1/interactions")
                .body(() -> TestClients.touchpoint(UUID.randomUUID().toString(), clientId))
                .allow(Roles.CHANNEL, Roles.INTEGRATION).expect(201).check();
    }

    @Test
    void touchpointsAndJourneysAreReadByChannelsAndAnalysts() {
        String clientId = knownClient();
        RoleChecks.get("/api/v1/interactions/{id}", touchpoint).allow(Roles.CHANNEL, Roles.ANALYST).check();
        RoleChecks.get("/api/v1/clients/{id}/interactions", clientId).allow(Roles.CHANNEL, Roles.ANALYST).check();
        RoleChecks.get("/api/v1/clients/{id}/journeys", clientId).allow(Roles.CHANNEL, Roles.ANALYST).check();
    }

    @Test
    void cxMetricsAndFindingsAreForAnalysts() {
        RoleChecks.get("/api/v1/cx/metrics").allow(Roles.ANALYST).check();
        RoleChecks.get("/api/v1/cx/findings").allow(Roles.ANALYST).check();
    }

    @Test
    void kpisAreForAnalystsAndMarketing() {
        RoleChecks.get("/api/v1/kpis").allow(Roles.ANALYST, Roles.MARKETING).check();
        RoleChecks.get("/api/v1/kpis/monthly").allow(Roles.ANALYST, Roles.MARKETING).check();
    }

    @Test
    void theReadModelIsForChannelsAnalystsAndAdmins() {
        RoleChecks.get("/api/v1/read-model/clients/{id}", knownClient()).allow(Roles.CHANNEL, Roles.ANALYST, Roles.ADMIN).check();
    }

    @Test
    void healthMetricsAndTheApiDescriptionNeedNoToken() {
        RoleChecks.open("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi");
    }
}
