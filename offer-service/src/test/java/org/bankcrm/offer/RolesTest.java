package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.RoleChecks;
import org.bankcrm.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every endpoint against its role matrix with real signed tokens (allowed roles get the answer, every other role a
 * 403 problem, no / expired / foreign token a 401 problem); the ops endpoints answer without a token.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
class RolesTest {
    private static final String NOBODY = "{\"segment\": [\"NOBODY_TEST_SEGMENT\"]}";
    private static String known;

    /** A client known from its events (RestAssured has the service's port only inside a test, not in a @BeforeAll). */
    static synchronized String knownClient() {
        if (known == null) {
            known = newClient();
        }
        return known;
    }

    /** A new client known from its events, with nothing offered yet (the weekly cap counts each decision's offers). */
    static String newClient() {
        String clientId = NextBestActionChainTest.clientId(false);
        TestEvents.send(TestEvents.registered(clientId, "AGE_35_44", NextBestActionChainTest.ALL_CONSENTS));
        TestEvents.send(TestEvents.productOpened(clientId, "DEBIT_CARD", List.of("CURRENT_ACCOUNT", "DEBIT_CARD")));
        TestEvents.send(TestEvents.valueChanged(clientId, "PROFITABLE_HIGH_POTENTIAL", "DEVELOP"));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> {
            var read = given().header(TestTokens.header(Roles.CHANNEL)).get("/api/v1/read-model/clients/{id}", clientId);
            return read.statusCode() == 200 && read.<Integer>path("eventsApplied") == 3;
        });
        return clientId;
    }

    static JsonPath decision(String clientId) {
        return given().header(TestTokens.header(Roles.CHANNEL)).contentType("application/json")
                .body(Map.of("clientId", clientId, "channel", "BRANCH", "limit", 3))
                .post("/api/v1/decisions").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void theCatalogueIsWrittenByMarketingAndReadByMarketingAndAnalysts() {
        RoleChecks.post("/api/v1/offers")
                .body(() -> CatalogueTest.offer("ROLES_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), "SALES", "CREDIT_CARD", NOBODY))
                .allow(Roles.MARKETING).expect(201).check();
        String code = "ROLES_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String id = given().header(TestTokens.header(Roles.MARKETING)).contentType("application/json")
                .body(CatalogueTest.offer(code, "SALES", "CREDIT_CARD", NOBODY)).post("/api/v1/offers")
                .then().statusCode(201).extract().path("id");
        RoleChecks.put("/api/v1/offers/{id}", id).body(CatalogueTest.offer(code, "SALES", "CREDIT_CARD", NOBODY))
                .allow(Roles.MARKETING).check();
        RoleChecks.get("/api/v1/offers").allow(Roles.MARKETING, Roles.ANALYST).check();
        RoleChecks.get("/api/v1/offers/{id}", id).allow(Roles.MARKETING, Roles.ANALYST).check();
        RoleChecks.get("/api/v1/offers/{id}/model", id).allow(Roles.MARKETING, Roles.ANALYST).check();
    }

    @Test
    void performanceIsForAnalystsAndMarketing() {
        RoleChecks.get("/api/v1/offers/performance").allow(Roles.ANALYST, Roles.MARKETING).check();
        RoleChecks.get("/api/v1/kpis").allow(Roles.ANALYST, Roles.MARKETING).check();
        RoleChecks.get("/api/v1/kpis/monthly").allow(Roles.ANALYST, Roles.MARKETING).check();
    }

    @Test
    void channelsAskForDecisionsAndRecordResponses() {
        RoleChecks.post("/api/v1/decisions")
                .body(() -> "{\"clientId\": \"" + knownClient() + "\", \"channel\": \"BRANCH\", \"limit\": 3}")
                .allow(Roles.CHANNEL).expect(201).check();
        JsonPath decision = decision(newClient());
        String offerId = decision.getString("actions[0].offerId");
        org.assertj.core.api.Assertions.assertThat(offerId).as("the decision ranks an action to answer").isNotNull();
        RoleChecks.post("/api/v1/decisions/{id}/responses", decision.getString("decisionId"))
                .body("{\"offerId\": \"" + offerId + "\", \"outcome\": \"INTERESTED\"}")
                .allow(Roles.CHANNEL).expect(201).check();
    }

    @Test
    void decisionsAreReadByChannelsAndAnalystsAndExplainedToAnalystsAndAdmins() {
        String decisionId = decision(knownClient()).getString("decisionId");
        RoleChecks.get("/api/v1/decisions/{id}", decisionId).allow(Roles.CHANNEL, Roles.ANALYST).check();
        RoleChecks.get("/api/v1/decisions/{id}/audit", decisionId).allow(Roles.ANALYST, Roles.ADMIN).check();
        // 404 until the event chain has decided for the client: either answer shows the role passed
        RoleChecks.get("/api/v1/clients/{id}/next-best-actions", knownClient()).allow(Roles.CHANNEL, Roles.ANALYST).expect(200, 404).check();
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
