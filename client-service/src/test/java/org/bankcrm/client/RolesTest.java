package org.bankcrm.client;

import static io.restassured.RestAssured.given;

import java.util.List;
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

    static String ref() {
        return "CB-" + UUID.randomUUID();
    }

    static String registered(String ref) {
        return given().header(TestTokens.header(Roles.CHANNEL)).contentType("application/json")
                .body(ClientRegistrationTest.clientJson(ref)).post("/api/v1/clients").then().statusCode(201).extract().path("id");
    }

    @Test
    void channelsRegisterReadAndUpdateClientsAndTheirConsents() {
        RoleChecks.post("/api/v1/clients").body(() -> ClientRegistrationTest.clientJson(ref()))
                .allow(Roles.CHANNEL).expect(201).check();
        String ref = ref();
        String id = registered(ref);
        RoleChecks.get("/api/v1/clients/{id}", id).allow(Roles.CHANNEL).check();
        RoleChecks.put("/api/v1/clients/{id}", id).body(ClientRegistrationTest.clientJson(ref)).allow(Roles.CHANNEL).check();
        RoleChecks.patch("/api/v1/clients/{id}", id).body("{\"incomeBracket\": \"HIGH\"}").allow(Roles.CHANNEL).check();
        RoleChecks.get("/api/v1/clients/{id}/consents", id).allow(Roles.CHANNEL).check();
        RoleChecks.put("/api/v1/clients/{id}/consents", id)
                .body("{\"source\": \"BRANCH\", \"marketingEmail\": false, \"profiling\": true}")
                .allow(Roles.CHANNEL).check();
    }

    @Test
    void searchIsForChannelsAndAnalysts() {
        RoleChecks.get("/api/v1/clients?quadrant=PROFITABLE_HIGH_POTENTIAL").allow(Roles.CHANNEL, Roles.ANALYST).check();
    }

    @Test
    void erasureIsForAdmins() {
        String id = registered(ref());
        RoleChecks.delete("/api/v1/clients/{id}", id).allow(Roles.ADMIN).expect(204).check();
    }

    @Test
    void bulkLoadsAreForOtherBankSystems() {
        RoleChecks.post("/api/v1/clients:batch").unencoded()
                .body(() -> BulkLoadTest.batch(List.of(BulkLoadTest.client(ref(), "1990-01-01", "a@example.org"))))
                .allow(Roles.INTEGRATION).expect(201).check();
    }

    @Test
    void productsAreOpenedAndClosedByChannelsAndOtherBankSystemsAndReadByChannelsAndAnalysts() {
        String id = registered(ref());
        RoleChecks.post("/api/v1/clients/{id}/products", id)
                .body("{\"type\": \"SAVINGS_ACCOUNT\", \"openedAt\": \"2024-05-02\", \"balance\": 100}")
                .allow(Roles.CHANNEL, Roles.INTEGRATION).expect(201).check();
        RoleChecks.get("/api/v1/clients/{id}/products", id).allow(Roles.CHANNEL, Roles.ANALYST).check();
        String product = given().header(TestTokens.header(Roles.CHANNEL)).get("/api/v1/clients/{id}/products", id)
                .then().statusCode(200).extract().path("[0].id");
        // the first allowed role closes it; closing it again is refused as a conflict, not for the role
        RoleChecks.delete("/api/v1/clients/{id}/products/{productId}", id, product)
                .allow(Roles.CHANNEL, Roles.INTEGRATION).expect(200, 409).check();
        RoleChecks.post("/api/v1/products/batch")
                .body("{\"changes\": [{\"clientId\": \"" + id + "\", \"open\": {\"type\": \"INSURANCE\"}}]}")
                .allow(Roles.INTEGRATION).expect(201).check();
    }

    @Test
    void departuresAreReportedByOtherBankSystemsAndReadByChannelsAnalystsAndThem() {
        String id = registered(ref());
        RoleChecks.post("/api/v1/clients/{id}/departure", id).body("{}").allow(Roles.INTEGRATION).expect(201).check();
        RoleChecks.get("/api/v1/clients/{id}/departure", id).allow(Roles.CHANNEL, Roles.ANALYST, Roles.INTEGRATION).check();
    }

    @Test
    void monthlyFinancialsComeFromOtherBankSystemsAndAreReadWithTheValueByChannelsAndAnalysts() {
        String id = registered(ref());
        RoleChecks.post("/api/v1/clients/{id}/financials", id)
                .body("{\"month\": \"" + java.time.YearMonth.now().minusMonths(1)
                        + "\", \"revenue\": 40, \"costToServe\": 15, \"averageBalance\": 2000, \"transactionCount\": 20, \"transactionAmount\": 900}")
                .allow(Roles.INTEGRATION).expect(201).check();
        RoleChecks.get("/api/v1/clients/{id}/financials", id).allow(Roles.CHANNEL, Roles.ANALYST).check();
        RoleChecks.post("/api/v1/financials/batch")
                .body("{\"months\": [{\"clientId\": \"" + id + "\", \"month\": \"2026-01\", \"revenue\": 1, \"costToServe\": 0, "
                        + "\"averageBalance\": 1, \"transactionCount\": 1, \"transactionAmount\": 1}]}")
                .allow(Roles.INTEGRATION).expect(201).check();
        RoleChecks.get("/api/v1/clients/{id}/value", id).allow(Roles.CHANNEL, Roles.ANALYST).check();
    }

    @Test
    void segmentDefinitionsAreWrittenByMarketingAndReadByMarketingAndAnalysts() {
        // a condition no client meets: the segments made here must not change other tests' clients
        String condition = "\"condition\": {\"age\": {\"min\": 130}}, \"expectedProducts\": [\"DEBIT_CARD\"]";
        RoleChecks.post("/api/v1/segments")
                .body(() -> "{\"code\": \"ROLES_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase()
                        + "\", \"name\": \"Nobody\", " + condition + "}")
                .allow(Roles.MARKETING).expect(201).check();
        String id = given().header(TestTokens.header(Roles.MARKETING)).contentType("application/json")
                .body("{\"code\": \"ROLES_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase()
                        + "\", \"name\": \"Nobody\", " + condition + "}")
                .post("/api/v1/segments").then().statusCode(201).extract().path("id");
        RoleChecks.put("/api/v1/segments/{id}", id).body("{\"name\": \"Nobody, renamed\", " + condition + "}")
                .allow(Roles.MARKETING).check();
        RoleChecks.get("/api/v1/segments").allow(Roles.ANALYST, Roles.MARKETING).check();
        RoleChecks.get("/api/v1/segments/{id}", id).allow(Roles.ANALYST, Roles.MARKETING).check();
        RoleChecks.get("/api/v1/kpis").allow(Roles.ANALYST, Roles.MARKETING).check();
        RoleChecks.get("/api/v1/kpis/monthly").allow(Roles.ANALYST, Roles.MARKETING).check();
    }

    @Test
    void theAuditTrailIsForAdminsOnly() {
        RoleChecks.get("/api/v1/audit").allow(Roles.ADMIN).check();
    }

    @Test
    void valueRecomputationsAreForAdmins() {
        RoleChecks.post("/api/v1/value-recomputations").allow(Roles.ADMIN).expect(202, 200).check();
        String run = given().header(TestTokens.header(Roles.ADMIN)).post("/api/v1/value-recomputations").then().extract().path("id");
        RoleChecks.get("/api/v1/value-recomputations/{id}", run).allow(Roles.ADMIN).check();
        RoleChecks.get("/api/v1/value-recomputations").allow(Roles.ADMIN).check();
    }

    @Test
    void healthMetricsAndTheApiDescriptionNeedNoToken() {
        RoleChecks.open("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi");
    }
}
