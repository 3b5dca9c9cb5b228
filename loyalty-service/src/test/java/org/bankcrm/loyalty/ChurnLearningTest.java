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

import org.bankcrm.loyalty.app.ChurnLearning;
import org.bankcrm.loyalty.app.ChurnStayersLabelling;
import org.bankcrm.loyalty.domain.ChurnFeature;
import org.bankcrm.loyalty.domain.ChurnRiskModel;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The churn model learns from clients who leave, on the real broker and database. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.ADMIN })
class ChurnLearningTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    ChurnStayersLabelling stayers;
    @Inject
    ChurnLearning learning;

    /** The learnt model is the whole service's: other tests expect scores under the prior. */
    @AfterEach
    void forgetWhatWasLearnt() {
        pool.query("delete from churn_observation").execute().await().indefinitely();
        pool.query("delete from churn_model").execute().await().indefinitely();
        // snapshots a test dated back would be labelled again by the next test's labelling run
        pool.query("delete from score_change where changed_at < now() - interval '100 days'").execute().await().indefinitely();
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

    /**
     * A batch rescores many clients in one transaction and reads the model once for all of them; when the transaction
     * learns (a leaver, a refit), what it scores with afterwards is the learnt model, not the one it read before.
     */
    @Test
    void aTransactionReadsTheModelOnceAndScoresWithWhatItLearntAfterALearning() throws Throwable {
        String ones = String.join(",", java.util.Collections.nCopies(ChurnFeature.values().length, "1.0"));
        pool.preparedQuery("""
                insert into churn_observation (client_id, snapshot_at, predicted, left_bank, model_version, observed_at, inputs)
                values ($1, now(), 0.1, true, 0, now(), $2)""").execute(Tuple.of(UUID.randomUUID(), ones))
                .await().indefinitely();
        List<ChurnRiskModel> models = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> learning.current().chain(first -> learning.current()
                        .chain(again -> learning.refit().chain(() -> learning.current())
                                .map(learnt -> List.of(first, again, learnt))))));
        assertThat(models.get(1)).as("read once per transaction").isSameAs(models.get(0));
        assertThat(models.get(2).intercept()).as("the refit's model, with the leaver in it")
                .isGreaterThan(models.get(0).intercept());
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

    @Test
    void aSilentLeaverWithoutAnyScoreWithinTheHorizonBecomesAPositiveFromTheFeaturesAsOfTheDeparture() {
        String clientId = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(4)));
        LoyaltyChainTest.send(TestEvents.productOpened(clientId, "CURRENT_ACCOUNT", List.of("CURRENT_ACCOUNT")));
        LoyaltyChainTest.send(TestEvents.financials(clientId, YearMonth.now().minusMonths(1), 0, 0));
        await().atMost(WAIT).until(() -> LoyaltyChainTest.eventsApplied(clientId) == 3);
        // every score the client ever had, as if a year old: nothing within the horizon before leaving
        pool.preparedQuery("update score_change set changed_at = now() - interval '365 days' where client_id = $1")
                .execute(Tuple.of(UUID.fromString(clientId))).await().indefinitely();
        long positives = churnModel().getLong("positives");

        LoyaltyChainTest.send(TestEvents.left(clientId, "REPORTED"));
        await().atMost(WAIT).until(() -> churnModel().getLong("positives") == positives + 1);

        var observation = pool.preparedQuery("select left_bank, inputs, snapshot_at > now() - interval '1 hour' "
                + "from churn_observation where client_id = $1").execute(Tuple.of(UUID.fromString(clientId)))
                .await().indefinitely();
        assertThat(observation.rowCount()).isEqualTo(1);
        var row = observation.iterator().next();
        assertThat(row.getBoolean(0)).as("a positive").isTrue();
        assertThat(row.getBoolean(2)).as("the features as of the departure, not a year-old snapshot").isTrue();
        String[] inputs = row.getString(1).split(",");
        assertThat(inputs).hasSize(org.bankcrm.loyalty.domain.ChurnFeature.values().length);
        assertThat(Double.parseDouble(inputs[org.bankcrm.loyalty.domain.ChurnFeature.SINGLE_PRODUCT.ordinal()]))
                .as("what the read model knew at the departure: one product").isEqualTo(1.0);
        assertThat(Double.parseDouble(inputs[org.bankcrm.loyalty.domain.ChurnFeature.ZERO_BALANCE.ordinal()]))
                .as("and an empty account").isEqualTo(1.0);
    }

    @Test
    void withoutProfilingConsentNoChurnRiskIsScoredNorLearntAndTheScoreSaysWhy() {
        String clientId = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(2), false));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/clients/{id}/loyalty", clientId).statusCode() == 200);
        JsonPath loyalty = given().when().get("/api/v1/clients/{id}/loyalty", clientId).jsonPath();
        assertThat(loyalty.getString("churnRisk")).isNull();
        assertThat(loyalty.getFloat("behavioural")).as("the rule-based scores stay").isBetween(0f, 100f);
        assertThat(loyalty.getList("factors.findAll { it.scale == 'CHURN' }.name", String.class)).containsExactly("profiling-consent");
        assertThat(loyalty.getList("factors.findAll { it.scale == 'CHURN' }.text", String.class).get(0))
                .contains("no profiling consent");
        long positives = churnModel().getLong("positives");

        LoyaltyChainTest.send(TestEvents.left(clientId, "REPORTED"));
        await().atMost(WAIT).until(() -> LoyaltyChainTest.eventsApplied(clientId) == 2);
        assertThat(churnModel().getLong("positives")).as("not learnt from").isEqualTo(positives);

        // consent given: the churn model applies at once
        LoyaltyChainTest.send(TestEvents.consentChanged(clientId, true));
        await().atMost(WAIT).until(() -> given().when().get("/api/v1/clients/{id}/loyalty", clientId).jsonPath()
                .getString("churnRisk") != null);
        assertThat(given().when().get("/api/v1/clients/{id}/loyalty", clientId).jsonPath()
                .getList("factors.name", String.class)).doesNotContain("profiling-consent");
    }

    @Test
    void theMonitoringReportsTheWindowsQualityAndEachInputsDriftAndTheGaugesFollow() {
        // two clients, one leaves, one is labelled a stayer through the operator's labelling run
        String leaver = UUID.randomUUID().toString();
        String stayer = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(leaver, LocalDate.now().minusYears(1)));
        LoyaltyChainTest.send(TestEvents.registered(stayer, LocalDate.now().minusYears(9)));
        await().atMost(WAIT).until(() -> LoyaltyChainTest.eventsApplied(leaver) == 1 && LoyaltyChainTest.eventsApplied(stayer) == 1);
        pool.preparedQuery("update score_change set changed_at = now() - interval '200 days' where client_id = $1")
                .execute(Tuple.of(UUID.fromString(stayer))).await().indefinitely();
        LoyaltyChainTest.send(TestEvents.left(leaver, "REPORTED"));
        await().atMost(WAIT).until(() -> churnModel().getLong("positives") >= 1);
        int labelled = given().when().post("/api/v1/churn-model/labelling-runs").then().statusCode(200).extract().jsonPath().getInt("labelled");
        assertThat(labelled).isGreaterThanOrEqualTo(1);

        JsonPath model = churnModel();
        assertThat(model.getInt("monitoring.window")).isEqualTo(1000);
        assertThat(model.getInt("monitoring.observations")).isEqualTo(model.getInt("positives") + model.getInt("negatives"));
        assertThat(model.getDouble("monitoring.auc")).isBetween(0.0, 1.0);
        assertThat(model.getDouble("monitoring.brier")).isBetween(0.0, 1.0);
        assertThat(model.getList("monitoring.drift.feature", String.class)).contains("tenure", "age-45-54", "dormant");
        // tenure differs between the two observations: its all-time mean is known, and the window is all of them
        assertThat(model.getDouble("monitoring.drift.find { it.feature == 'tenure' }.allTimeMean"))
                .isCloseTo(model.getDouble("monitoring.drift.find { it.feature == 'tenure' }.windowMean"),
                        org.assertj.core.api.Assertions.within(1e-6));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("crm_churn_model_observations(\\{[^}]*\\})? [1-9]")
                .contains("crm_churn_model_auc").contains("crm_churn_model_feature_drift{feature=\"tenure\"");
    }
}
