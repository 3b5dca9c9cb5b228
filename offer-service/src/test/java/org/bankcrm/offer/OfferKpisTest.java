package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.offer.app.OfferKpiSnapshots;
import org.bankcrm.offer.domain.NewcombeUplift;
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
 * offer-service's KPIs over a small history whose every figure is known. A profile of its own gives the test a fresh
 * database; the past decisions and answers are written into the tables (the service dates them now), and one bank-caused
 * negative followed by a decision at the counter travels the event and REST path.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@TestProfile(OfferKpisTest.OwnBank.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfferKpisTest {
    static final YearMonth M2 = YearMonth.now().minusMonths(2);
    static final YearMonth M1 = YearMonth.now().minusMonths(1);
    static final String SAVINGS = "00000000-0000-4000-8000-000000000102",
            APOLOGY = "00000000-0000-4000-8000-000000000301";
    static final double Z = 1.96;

    @Inject
    Pool pool;

    @Inject
    OfferKpiSnapshots snapshots;

    public static class OwnBank implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // an offer's uplift stated from one answer a side, so this small history shows one
            return Map.of("crm.offer.kpi.snapshot.cron", "off", "crm.offer.kpi.uplift-min-answers", "1");
        }
    }

    private static boolean written;

    /**
     * The history (X, Y, Z clients):
     * <ul>
     * <li>M2-05 BRANCH request for X (model), savings + apology call: savings ACCEPTED, apology DECLINED the same day;
     * <li>M2-06 CALL_CENTER request for Y (control), savings: DECLINED;
     * <li>M2-07 BRANCH decision of the chain for X after a bank-caused negative at 10:00 (a retention call, not presented);
     * <li>M2-10 BRANCH request for X (model), apology call: ACCEPTED on M2-11 — X's negative recovered within 14 days;
     * <li>M1-03 and M1-04 MOBILE_APP decisions of the chain for Y, both after one negative on M1-03 09:00: never recovered;
     * <li>M1-15 CALL_CENTER request for Z (control), savings: ACCEPTED;
     * <li>M1-16 BRANCH request for Z without profiling consent, savings: ACCEPTED (not in the uplift).
     * </ul>
     */
    synchronized void history() {
        if (written) {
            return;
        }
        String x = UUID.randomUUID().toString(), y = UUID.randomUUID().toString(), z = UUID.randomUUID().toString();
        String d1 = decision(x, "BRANCH", "REQUEST", false, at(M2, 5), null, "SALES", "SERVICE_RECOVERY");
        String d2 = decision(y, "CALL_CENTER", "REQUEST", true, at(M2, 6), null, "SALES");
        decision(x, "BRANCH", "INTERACTION", false, at(M2, 7), at(M2, 7).withHour(10), "RETENTION");
        String d4 = decision(x, "BRANCH", "REQUEST", false, at(M2, 10), null, "SERVICE_RECOVERY");
        decision(y, "MOBILE_APP", "INTERACTION", false, at(M1, 3), at(M1, 3).withHour(9), "SERVICE_RECOVERY");
        decision(y, "MOBILE_APP", "INTERACTION", false, at(M1, 4), at(M1, 3).withHour(9), "SERVICE_RECOVERY");
        String d7 = decision(z, "CALL_CENTER", "REQUEST", true, at(M1, 15), null, "SALES");
        String d8 = decision(z, "BRANCH", "REQUEST", false, at(M1, 16), null, "SALES");
        answer(d1, x, SAVINGS, "SALES", "BRANCH", "ACCEPTED", false, true, at(M2, 5));
        answer(d1, x, APOLOGY, "SERVICE_RECOVERY", "BRANCH", "DECLINED", false, true, at(M2, 5));
        answer(d2, y, SAVINGS, "SALES", "CALL_CENTER", "DECLINED", true, true, at(M2, 6));
        answer(d4, x, APOLOGY, "SERVICE_RECOVERY", "BRANCH", "ACCEPTED", false, true, at(M2, 11));
        answer(d7, z, SAVINGS, "SALES", "CALL_CENTER", "ACCEPTED", true, true, at(M1, 15));
        answer(d8, z, SAVINGS, "SALES", "BRANCH", "ACCEPTED", false, false, at(M1, 16));
        written = true;
    }

    static OffsetDateTime at(YearMonth month, int day) {
        return month.atDay(day).atTime(12, 0).atOffset(ZoneOffset.UTC);
    }

    /** A decision ranking one action per category given (offer ids do not matter to the KPIs, categories do). */
    String decision(String client, String channel, String trigger, boolean control, OffsetDateTime at, OffsetDateTime negativeAt,
            String... categories) {
        String id = UUID.randomUUID().toString();
        StringBuilder actions = new StringBuilder("[");
        for (int i = 0; i < categories.length; i++) {
            actions.append(i == 0 ? "" : ",").append("{\"rank\": %d, \"category\": \"%s\"}".formatted(i + 1, categories[i]));
        }
        String inputs = "{\"client\": {\"lastNegativeBankCausedAt\": %s}}"
                .formatted(negativeAt == null ? "null" : "\"" + negativeAt.toInstant() + "\"");
        run("""
                insert into decision (id, client_id, channel, trigger_type, control_group, actions_json, inputs_json,
                    catalogue_version, model_version, decided_at)
                values ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, 1, 1, $8)
                """, Tuple.from(new Object[] { id, client, channel, trigger, control, actions + "]", inputs, at }));
        return id;
    }

    void answer(String decision, String client, String offer, String category, String channel, String outcome, boolean control,
            boolean profiled, OffsetDateTime at) {
        run("""
                insert into offer_response (id, decision_id, offer_id, client_id, category, channel, outcome, control_group,
                    segments, responded_at, profiled)
                values ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7, $8, '', $9, $10)
                """, Tuple.from(new Object[] { UUID.randomUUID().toString(), decision, offer, client, category, channel, outcome,
                control, at, profiled }));
    }

    void run(String sql, Tuple args) {
        pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(30));
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
    void decisionsPresentationsAndAnswersAreCountedPerMonthAndChannel() {
        history();
        given().queryParam("from", M2.toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis")
                .then().statusCode(200)
                .body("months.month", contains(M2.toString(), M1.toString()))
                .body("months.decisions", contains(4, 4)).body("months.presented", contains(4, 2))
                .body("months.responses", contains(4, 2)).body("months.accepted", contains(2, 2))
                .body("months.acceptanceRate", contains(0.5f, 1.0f))
                .body("months[0].byChannel.channel", contains("BRANCH", "CALL_CENTER"))
                .body("months[0].byChannel[0].decisions", equalTo(3)).body("months[0].byChannel[0].requests", equalTo(2))
                .body("months[0].byChannel[0].presented", equalTo(3)).body("months[0].byChannel[0].responses", equalTo(3))
                .body("months[0].byChannel[0].accepted", equalTo(2))
                .body("months[1].byChannel.channel", contains("BRANCH", "CALL_CENTER", "MOBILE_APP"))
                .body("months[1].byChannel[2].decisions", equalTo(2)).body("months[1].byChannel[2].presented", equalTo(0))
                .body("decisions", equalTo(8)).body("presented", equalTo(6)).body("responses", equalTo(6)).body("accepted", equalTo(4));
    }

    @Test
    @Order(2)
    void acceptanceIsGivenPerOfferAndCategoryAndTheUpliftAgainstTheControlGroupWithItsInterval() {
        history();
        JsonPath kpis = kpis("from", M2.toString(), "to", M1.toString());
        assertThat(kpis.getList("byOffer.key")).containsExactly("SAVINGS_ACCOUNT", "APOLOGY_CALL");
        assertThat(kpis.getLong("byOffer[0].responses")).isEqualTo(4);
        assertThat(kpis.getDouble("byOffer[0].rate")).isEqualTo(0.75);
        assertThat(kpis.getDouble("byOffer[1].rate")).isEqualTo(0.5);
        assertThat(kpis.getList("byCategory.key")).containsExactly("SALES", "SERVICE_RECOVERY");
        assertThat(kpis.getLong("byCategory[0].accepted")).isEqualTo(3);
        // the uplift: model-ranked answers 2 of 3 (the unprofiled one left out) against control 1 of 2
        NewcombeUplift expected = NewcombeUplift.of(3, 2, 2, 1, Z);
        assertThat(kpis.getString("interval")).isEqualTo("newcombe-hybrid-score");
        assertThat(kpis.getDouble("uplift.uplift")).isEqualTo(0.1667);
        assertThat(kpis.getDouble("uplift.lower")).isEqualTo(expected.lower());
        assertThat(kpis.getDouble("uplift.upper")).isEqualTo(expected.upper());
        assertThat(kpis.getDouble("uplift.confidence")).isEqualTo(0.95);
        // per month: M2 3 (2 accepted) against 1 (none); M1 has no model-ranked answer
        assertThat(kpis.getDouble("months[0].uplift.uplift")).isEqualTo(0.6667);
        assertThat(kpis.getDouble("months[0].uplift.lower")).isEqualTo(NewcombeUplift.of(3, 2, 1, 0, Z).lower());
        assertThat((Object) kpis.get("months[1].uplift.uplift")).isNull();
        assertThat(kpis.getDouble("months[1].uplift.controlRate")).isEqualTo(1.0);
    }

    @Test
    @Order(2)
    void eachOfferAndCategoryHasItsUpliftOnceBothSidesHaveEnoughAnswers() {
        history();
        JsonPath kpis = kpis("from", M2.toString(), "to", M1.toString());
        assertThat(kpis.getInt("upliftMinAnswers")).isEqualTo(1);
        // savings: model-ranked X accepted (1 of 1) against control Y declined and Z accepted (1 of 2); Z's unprofiled
        // answer is neither side
        NewcombeUplift savings = NewcombeUplift.of(1, 1, 2, 1, Z);
        assertThat(kpis.getLong("byOffer[0].uplift.treatedResponses")).isEqualTo(1);
        assertThat(kpis.getLong("byOffer[0].uplift.controlResponses")).isEqualTo(2);
        assertThat(kpis.getBoolean("byOffer[0].uplift.enoughData")).isTrue();
        assertThat(kpis.getDouble("byOffer[0].uplift.uplift")).isEqualTo(0.5);
        assertThat(kpis.getDouble("byOffer[0].uplift.lower")).isEqualTo(savings.lower());
        assertThat(kpis.getDouble("byOffer[0].uplift.upper")).isEqualTo(savings.upper());
        // the apology call was answered twice, both model-ranked: no control answer, not enough data
        assertThat(kpis.getLong("byOffer[1].uplift.treatedResponses")).isEqualTo(2);
        assertThat(kpis.getBoolean("byOffer[1].uplift.enoughData")).isFalse();
        assertThat((Object) kpis.get("byOffer[1].uplift.uplift")).isNull();
        assertThat(kpis.getDouble("byOffer[1].uplift.treatedRate")).isEqualTo(0.5);
        // categories sum their offers' sides
        assertThat(kpis.getDouble("byCategory[0].uplift.uplift")).isEqualTo(0.5);
        assertThat(kpis.getBoolean("byCategory[1].uplift.enoughData")).isFalse();
    }

    @Test
    @Order(3)
    void serviceRecoveryCountsTheNegativesFollowedByARecoveryActionWithinTheWindow() {
        history();
        given().queryParam("from", M2.toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis")
                .then().statusCode(200)
                .body("recoveryWindowDays", equalTo(14))
                .body("months.recovery.negatives", contains(1, 1)).body("months.recovery.offered", contains(1, 0))
                .body("months.recovery.accepted", contains(1, 0)).body("months.recovery.share", contains(1.0f, 0.0f))
                .body("recovery.negatives", equalTo(2)).body("recovery.share", equalTo(0.5f));
    }

    @Test
    @Order(4)
    void aChannelCountsItsDecisionsAndAnswersOnly() {
        history();
        given().queryParam("from", M2.toString()).queryParam("to", M1.toString()).queryParam("channel", "BRANCH")
                .when().get("/api/v1/kpis").then().statusCode(200)
                .body("channel", equalTo("BRANCH")).body("decisions", equalTo(4)).body("responses", equalTo(4))
                .body("byOffer.key", contains("SAVINGS_ACCOUNT", "APOLOGY_CALL")).body("byOffer.rate", contains(1.0f, 0.5f))
                .body("months[1].byChannel", hasSize(1));
    }

    @Test
    @Order(5)
    void aBankCausedNegativeAndARecoveryOfferedAtTheCounterCountThisMonth() {
        String month = YearMonth.now().toString();
        JsonPath before = kpis("from", month, "to", month);
        String clientId = NextBestActionChainTest.knownClient();
        TestEvents.send(TestEvents.interaction(UUID.randomUUID().toString(), clientId,
                TestEvents.recorded(clientId, "CALL_CENTER", "COMPLAINT", "UNRESOLVED", "NEGATIVE", "BANK")));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 4);
        await().atMost(NextBestActionChainTest.WAIT)
                .until(() -> kpis("from", month, "to", month).getLong("months[0].recovery.negatives")
                        == before.getLong("months[0].recovery.negatives") + 1);
        assertThat(kpis("from", month, "to", month).getLong("months[0].recovery.offered"))
                .isEqualTo(before.getLong("months[0].recovery.offered"));
        assertThat(NextBestActionChainTest.decide(clientId, "BRANCH", 10).getString("actions[0].category")).isEqualTo("SERVICE_RECOVERY");
        JsonPath after = kpis("from", month, "to", month);
        assertThat(after.getLong("months[0].recovery.offered")).isEqualTo(before.getLong("months[0].recovery.offered") + 1);
        assertThat(after.getLong("presented")).isGreaterThan(before.getLong("presented"));
    }

    /** Last: it changes the history. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theClosedMonthIsWrittenOnceAndKeepsItsFiguresWhenAnswersArriveLater() {
        history();
        List<Boolean> taken = Uni.combine().all().unis(snapshots.take(M1), snapshots.take(M1)).with(Boolean.class, List::copyOf)
                .await().atMost(Duration.ofSeconds(60));
        assertThat(taken).containsExactlyInAnyOrder(true, false);
        assertThat(snapshots.take(M1).await().atMost(Duration.ofSeconds(60))).isFalse();

        // an answer recorded late, dated into M1
        String late = decision(UUID.randomUUID().toString(), "BRANCH", "REQUEST", false, at(M1, 20), null, "SALES");
        answer(late, UUID.randomUUID().toString(), SAVINGS, "SALES", "BRANCH", "DECLINED", false, true, at(M1, 21));
        assertThat(kpis("from", M1.toString(), "to", M1.toString()).getLong("months[0].responses")).isEqualTo(3);
        given().queryParam("from", M1.toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis/monthly")
                .then().statusCode(200)
                .body("months", hasSize(1)).body("months[0].takenAt", notNullValue())
                .body("months[0].responses", equalTo(2)).body("months[0].decisions", equalTo(4))
                .body("months[0].byOffer.key", contains("SAVINGS_ACCOUNT")).body("months[0].recovery.negatives", equalTo(1))
                .body("months[0].byOffer[0].uplift.controlResponses", equalTo(1))
                .body("months[0].byOffer[0].uplift.treatedResponses", equalTo(0))
                .body("months[0].byOffer[0].uplift.enoughData", equalTo(false))
                .body("months[0].uplift.uplift", nullValue());
        given().queryParam("from", M1.toString()).queryParam("to", M1.toString()).queryParam("channel", "CALL_CENTER")
                .when().get("/api/v1/kpis/monthly").then().statusCode(200)
                .body("channel", equalTo("CALL_CENTER")).body("months[0].responses", equalTo(1));
    }

    @Test
    void badFiltersAreA400NamingTheParameter() {
        bad("from", "2026-13");
        bad("to", "next");
        bad("to", YearMonth.now().plusMonths(1).toString());
        bad("from", "1999-12");
        bad("channel", "PIGEON");
        given().queryParam("from", M1.toString()).queryParam("to", M2.toString()).when().get("/api/v1/kpis/monthly")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("from"));
    }

    private static void bad(String parameter, String value) {
        given().queryParam(parameter, value).when().get("/api/v1/kpis")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo(parameter));
    }
}
