package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.loyalty.app.LoyaltyKpiSnapshots;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The loyalty KPIs of a small bank whose every figure is known. A profile of its own gives the test a fresh database;
 * the history is written into the tables the consumers fill (score changes in the past cannot come from events, which
 * are scored now), and one departure travels the event path.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@TestProfile(LoyaltyKpisTest.OwnBank.class)
@CallsAs({ Roles.ANALYST })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoyaltyKpisTest {
    static final YearMonth M3 = YearMonth.now().minusMonths(3);
    static final YearMonth M2 = YearMonth.now().minusMonths(2);
    static final YearMonth M1 = YearMonth.now().minusMonths(1);
    /** A segment code no other test's client holds. */
    static final String SEGMENT = "KPISEG_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    static final String PHP = "PROFITABLE_HIGH_POTENTIAL", PLP = "PROFITABLE_LOW_POTENTIAL", ULP = "UNPROFITABLE_LOW_POTENTIAL";

    @Inject
    Pool pool;

    @Inject
    LoyaltyKpiSnapshots snapshots;

    public static class OwnBank implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.loyalty.kpi.snapshot.cron", "off");
        }
    }

    private static boolean written;

    /**
     * The bank:
     * <ul>
     * <li>A (PHP): TRUE risk 0.05 on M2-05, SPURIOUS 0.25 on M1-10;
     * <li>B (PHP): LATENT 0.15 on M2-03;
     * <li>C (ULP): NONE 0.35 on M2-02, NONE 0.45 on M1-03; left on M1-20;
     * <li>D (ULP): NONE without a risk (no profiling consent) on M2-04;
     * <li>E (PLP): SPURIOUS 0.55 on M3-10; left on M2-15, came back on M1-05.
     * </ul>
     */
    synchronized void bank() {
        if (written) {
            return;
        }
        String a = profile(PHP, "," + SEGMENT + ",OTHER,"), b = profile(PHP, ",OTHER,"), c = profile(ULP, "," + SEGMENT + ","),
                d = profile(ULP, ","), e = profile(PLP, ",");
        score(e, M3.atDay(10), "SPURIOUS", 0.55);
        score(c, M2.atDay(2), "NONE", 0.35);
        score(b, M2.atDay(3), "LATENT", 0.15);
        score(d, M2.atDay(4), "NONE", null);
        score(a, M2.atDay(5), "TRUE", 0.05);
        score(c, M1.atDay(3), "NONE", 0.45);
        score(a, M1.atDay(10), "SPURIOUS", 0.25);
        left(e, M2.atDay(15), M1.atDay(5));
        left(c, M1.atDay(20), null);
        written = true;
    }

    String profile(String quadrant, String segments) {
        String id = UUID.randomUUID().toString();
        run("""
                insert into client_profile (client_id, client_type, age_band, customer_since, registered_at, last_event_id,
                    updated_at, value_quadrant, profiling, segments)
                values ($1::uuid, 'INDIVIDUAL', '35-44', '2020-01-01', now(), 'seed', now(), $2, true, $3)
                """, Tuple.of(id, quadrant, segments));
        return id;
    }

    void score(String client, LocalDate day, String type, Double risk) {
        run("""
                insert into score_change (client_id, behavioural, perceived, loyalty_type, churn_risk, trigger_event_type,
                    trigger_event_id, changed_at)
                values ($1::uuid, 50, 50, $2, $3, 'seed', 'seed', $4)
                """, Tuple.of(client, type, risk, at(day)));
    }

    void left(String client, LocalDate day, LocalDate returned) {
        run("insert into client_left (client_id, left_at, reason, returned_at) values ($1::uuid, $2, 'REPORTED', $3)",
                Tuple.of(client, at(day), returned == null ? null : at(returned)));
    }

    void run(String sql, Tuple args) {
        pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(30));
    }

    static OffsetDateTime at(LocalDate day) {
        return day.atTime(12, 0).atOffset(ZoneOffset.UTC);
    }

    static double monthly(double meanRisk, YearMonth month) {
        return Math.round((1 - Math.pow(1 - meanRisk, month.lengthOfMonth() / 180.0)) * 10_000) / 10_000.0;
    }

    static JsonPath kpis(Object... query) {
        var request = given();
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam((String) query[i], query[i + 1]);
        }
        return request.when().get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void theTypeMixBandsAndMovesFollowTheScoreHistoryMonthByMonth() {
        bank();
        given().queryParam("from", M2.toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis")
                .then().statusCode(200)
                .body("months.month", contains(M2.toString(), M1.toString()))
                .body("horizonDays", equalTo(180))
                // M2's end: A TRUE, B LATENT, C NONE, D NONE (no risk); E gone
                .body("months[0].clients", equalTo(4))
                .body("months[0].types.TRUE", equalTo(1)).body("months[0].types.LATENT", equalTo(1))
                .body("months[0].types.NONE", equalTo(2)).body("months[0].types.SPURIOUS", equalTo(0))
                .body("months[0].mix.findAll { it.quadrant == 'UNPROFITABLE_LOW_POTENTIAL' }.clients", contains(2))
                .body("months[0].churnRiskBands.counts", contains(1, 1, 0, 1, 0, 0, 0, 0, 0, 0))
                .body("months[0].noChurnRisk", equalTo(1))
                // E was SPURIOUS at M3's end but gone at M2's: no move counted
                .body("months[0].movements", hasSize(0)).body("months[0].movedShare", nullValue())
                // M1's end: A SPURIOUS, B LATENT, D NONE, E back (SPURIOUS 0.55); C gone
                .body("months[1].clients", equalTo(4))
                .body("months[1].types.SPURIOUS", equalTo(2)).body("months[1].types.TRUE", equalTo(0))
                .body("months[1].mix.findAll { it.quadrant == 'PROFITABLE_LOW_POTENTIAL' }.type", contains("SPURIOUS"))
                .body("months[1].churnRiskBands.counts", contains(0, 1, 1, 0, 0, 1, 0, 0, 0, 0))
                // scored at both ends: A TRUE -> SPURIOUS, B LATENT -> LATENT, D NONE -> NONE
                .body("months[1].movements", hasSize(3))
                .body("months[1].movements.find { it.from == 'TRUE' }.to", equalTo("SPURIOUS"))
                .body("months[1].moved", equalTo(1)).body("months[1].movedShare", equalTo(0.3333f));
    }

    @Test
    @Order(2)
    void observedChurnIsSetAgainstTheRiskHeldAtTheMonthsStartAndBeforeLeaving() {
        bank();
        JsonPath kpis = kpis("from", M2.toString(), "to", M1.toString());
        // M2: at its start only E held a risk (0.55), and E left in M2
        assertThat(kpis.getLong("months[0].churn.atRisk")).isEqualTo(1);
        assertThat(kpis.getDouble("months[0].churn.meanPredictedRisk")).isEqualTo(0.55);
        assertThat(kpis.getDouble("months[0].churn.observedRate")).isEqualTo(1.0);
        assertThat(kpis.getLong("months[0].churn.departures")).isEqualTo(1);
        assertThat(kpis.getDouble("months[0].churn.departuresMeanPredictedRisk")).isEqualTo(0.55);
        // M1: at its start A 0.05, B 0.15, C 0.35 (D has no risk, E was gone); C left, holding 0.45 then
        assertThat(kpis.getLong("months[1].churn.atRisk")).isEqualTo(3);
        assertThat(kpis.getDouble("months[1].churn.meanPredictedRisk")).isEqualTo(0.1833);
        assertThat(kpis.getDouble("months[1].churn.predictedMonthlyRate")).isEqualTo(monthly(0.55 / 3, M1));
        assertThat(kpis.getLong("months[1].churn.leavers")).isEqualTo(1);
        assertThat(kpis.getDouble("months[1].churn.observedRate")).isEqualTo(0.3333);
        assertThat(kpis.getLong("months[1].churn.departuresWithRisk")).isEqualTo(1);
        assertThat(kpis.getDouble("months[1].churn.departuresMeanPredictedRisk")).isEqualTo(0.45);
    }

    @Test
    @Order(3)
    void aQuadrantCountsItsClientsOnly() {
        bank();
        JsonPath kpis = kpis("from", M1.toString(), "to", M1.toString(), "quadrant", ULP);
        assertThat(kpis.getString("quadrant")).isEqualTo(ULP);
        assertThat(kpis.getLong("months[0].clients")).isEqualTo(1); // D; C has left
        assertThat(kpis.getLong("months[0].churn.atRisk")).isEqualTo(1); // C
        assertThat(kpis.getDouble("months[0].churn.observedRate")).isEqualTo(1.0);
    }

    /** A and C are in the segment (A also in another one, B only in that other one): exact membership, not a prefix. */
    @Test
    @Order(3)
    void aSegmentCountsItsMembersOnlyAndAloneOrWithAQuadrant() {
        bank();
        JsonPath kpis = kpis("from", M1.toString(), "to", M1.toString(), "segment", SEGMENT);
        assertThat(kpis.getString("segment")).isEqualTo(SEGMENT);
        assertThat(kpis.getLong("months[0].clients")).isEqualTo(1); // A; C has left
        assertThat(kpis.getString("months[0].mix[0].type")).isEqualTo("SPURIOUS");
        assertThat(kpis.getLong("months[0].churn.atRisk")).isEqualTo(2); // A (0.05) and C (0.35) at M1's start
        assertThat(kpis.getLong("months[0].churn.leavers")).isEqualTo(1); // C
        assertThat(kpis.getDouble("months[0].churn.observedRate")).isEqualTo(0.5);
        JsonPath both = kpis("from", M1.toString(), "to", M1.toString(), "segment", SEGMENT, "quadrant", ULP);
        assertThat(both.getLong("months[0].clients")).isZero(); // C only, gone
        assertThat(both.getLong("months[0].churn.atRisk")).isEqualTo(1);
        assertThat(kpis("from", M1.toString(), "to", M1.toString(), "segment", SEGMENT.substring(0, 5)).getLong("months[0].churn.atRisk"))
                .as("a prefix of the code is another segment").isZero();
        given().queryParam("segment", SEGMENT).when().get("/api/v1/kpis/monthly")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("segment"));
    }

    @Test
    @Order(4)
    void aDepartureOnTheEventPathCountsInTheCurrentMonth() {
        String month = YearMonth.now().toString();
        long before = kpis("from", month, "to", month).getLong("months[0].churn.departures");
        String clientId = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(3)));
        await().atMost(LoyaltyChainTest.WAIT).until(() -> LoyaltyChainTest.eventsApplied(clientId) == 1);
        LoyaltyChainTest.send(TestEvents.left(clientId, "REPORTED"));
        await().atMost(LoyaltyChainTest.WAIT)
                .until(() -> kpis("from", month, "to", month).getLong("months[0].churn.departures") == before + 1);
        assertThat(kpis("from", month, "to", month).getLong("months[0].churn.departuresWithRisk")).isPositive();
    }

    /** Last: it changes the bank's history. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theClosedMonthIsWrittenOnceAndKeepsItsFiguresWhenTheHistoryChangesLater() {
        bank();
        List<Boolean> taken = Uni.combine().all().unis(snapshots.take(M1), snapshots.take(M1)).with(Boolean.class, List::copyOf)
                .await().atMost(Duration.ofSeconds(60));
        assertThat(taken).containsExactlyInAnyOrder(true, false);
        assertThat(snapshots.take(M1).await().atMost(Duration.ofSeconds(60))).isFalse();

        // a departure reported late, back-dated into M1: B left on M1-25
        String b = pool.preparedQuery("select client_id::text from score_change where loyalty_type = 'LATENT'").execute()
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getString(0);
        left(b, M1.atDay(25), null);
        assertThat(kpis("from", M1.toString(), "to", M1.toString()).getLong("months[0].churn.leavers")).isEqualTo(2);
        given().queryParam("from", M1.toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis/monthly")
                .then().statusCode(200)
                .body("months", hasSize(1)).body("months[0].takenAt", notNullValue())
                .body("months[0].churn.leavers", equalTo(1)).body("months[0].churn.observedRate", equalTo(0.3333f))
                .body("months[0].moved", equalTo(1)).body("months[0].clients", equalTo(4));
        given().queryParam("from", M1.toString()).queryParam("to", M1.toString()).queryParam("quadrant", ULP)
                .when().get("/api/v1/kpis/monthly").then().statusCode(200)
                .body("quadrant", equalTo(ULP)).body("months[0].clients", equalTo(1));
    }

    @Test
    void badFiltersAreA400NamingTheParameter() {
        bad("from", "2026-13");
        bad("to", "last-month");
        bad("to", YearMonth.now().plusMonths(1).toString());
        bad("from", "1999-12");
        bad("quadrant", "GOLD");
        bad("segment", "S".repeat(65));
        given().queryParam("from", M1.toString()).queryParam("to", M2.toString()).when().get("/api/v1/kpis")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("from"));
        given().queryParam("from", M1.minusMonths(120).toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis/monthly")
                .then().statusCode(400).body("violations[0].field", equalTo("from"));
    }

    private static void bad(String parameter, String value) {
        given().queryParam(parameter, value).when().get("/api/v1/kpis")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo(parameter));
    }
}
