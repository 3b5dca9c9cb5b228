package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.loyalty.app.ChurnStayersLabelling;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The churn model learns from clients who leave, on the real broker and database. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class ChurnLearningTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    ChurnStayersLabelling stayers;

    /** The learnt model is the whole service's: other tests expect scores under the prior. */
    @AfterEach
    void forgetWhatWasLearnt() {
        pool.query("delete from churn_observation").execute().await().indefinitely();
        pool.query("delete from churn_model").execute().await().indefinitely();
    }

    static JsonPath churnModel() {
        return given().when().get("/api/v1/churn-model").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aClientWhoLeavesBecomesAPositiveObservationOnceAndTheModelMoves() {
        String clientId = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(2)));
        LoyaltyChainTest.send(TestEvents.productOpened(clientId, "CURRENT_ACCOUNT", List.of("CURRENT_ACCOUNT")));
        LoyaltyChainTest.send(TestEvents.financials(clientId, YearMonth.now().minusMonths(1), 300, 2));
        await().atMost(WAIT).until(() -> LoyaltyChainTest.eventsApplied(clientId) == 3);
        JsonPath before = churnModel();
        long positives = before.getLong("positives");
        long version = before.getLong("version");
        double interceptBefore = before.getDouble("coefficients.intercept");

        LoyaltyChainTest.send(TestEvents.left(clientId, "ALL_PRODUCTS_CLOSED"));
        await().atMost(WAIT).until(() -> churnModel().getLong("positives") == positives + 1);

        JsonPath after = churnModel();
        assertThat(after.getLong("version")).isEqualTo(version + 1);
        assertThat(after.getDouble("coefficients.intercept")).as("a leaver raises the base risk")
                .isGreaterThan(interceptBefore);
        assertThat(after.getInt("observationsScored")).isGreaterThanOrEqualTo(1);
        assertThat(after.getString("horizon")).isNotBlank();

        // the same leaving reported again is not a second observation; a return is applied
        LoyaltyChainTest.send(TestEvents.left(clientId, "REPORTED"));
        LoyaltyChainTest.send(TestEvents.returned(clientId));
        await().atMost(WAIT).until(() -> LoyaltyChainTest.eventsApplied(clientId) == 6);
        assertThat(churnModel().getLong("positives")).isEqualTo(positives + 1);
    }

    @Test
    void aNewClientsRiskIsScoredByTheLearntModel() {
        String clientId = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(1)));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/clients/{id}/loyalty", clientId).statusCode() == 200);
        double risk = given().when().get("/api/v1/clients/{id}/loyalty", clientId).jsonPath().getDouble("churnRisk");
        assertThat(risk).isBetween(0.0, 1.0);
        assertThat(given().when().get("/api/v1/clients/{id}/loyalty", clientId).jsonPath()
                .getList("factors.scale", String.class)).contains("CHURN");
    }

    @Test
    void aClientStillHereAHorizonAfterASnapshotBecomesOneNegativeObservation() {
        String clientId = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(3)));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/clients/{id}/loyalty", clientId).statusCode() == 200);
        // the snapshot as if taken 200 days ago: past the 180-day horizon, and the client has not left
        pool.preparedQuery("update score_change set changed_at = now() - interval '200 days' where client_id = $1")
                .execute(Tuple.of(UUID.fromString(clientId))).await().indefinitely();
        long negatives = churnModel().getLong("negatives");

        stayers.labelAll();

        assertThat(churnModel().getLong("negatives")).isEqualTo(negatives + 1);
        stayers.labelAll();
        assertThat(churnModel().getLong("negatives")).as("one observation per client per horizon").isEqualTo(negatives + 1);
    }
}
