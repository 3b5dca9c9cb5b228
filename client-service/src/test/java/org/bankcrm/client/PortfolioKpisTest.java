package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.bankcrm.client.app.KpiSnapshots;
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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;

/**
 * The KPIs of a small bank whose every figure is known: a profile of its own gives the test a fresh database, so
 * the bank-wide counts are this bank's alone.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@TestProfile(PortfolioKpisTest.OwnBank.class)
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION, Roles.MARKETING, Roles.ANALYST })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortfolioKpisTest {
    @Inject
    KpiSnapshots snapshots;

    public static class OwnBank implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.client.kpi.snapshot.cron", "off");
        }
    }

    static final YearMonth M1 = YearMonth.now().minusMonths(1);
    static final YearMonth M2 = YearMonth.now().minusMonths(2);

    /**
     * The bank (customers since 2020):
     * <ul>
     * <li>A: current account opened M2-05, savings account M1-10; average balance 1,000 in M2, 1,500 in M1; member of KPI_SAVERS;
     * <li>B: current account M2-03, debit card M2-04 closed M1-20, credit card M1-02; balance 2,000 in M2, 2,500 in M1;
     * <li>C: current account M2-01 closed M1-05 (the last product: C has left); balance 500 in M2;
     * <li>D: nothing yet.
     * </ul>
     */
    record Bank(String a, String b, String c, String d, String aSavings) {
    }

    private static Bank bank;

    static synchronized Bank bank() {
        if (bank == null) {
            given().contentType(ContentType.JSON).body("""
                    {"code": "KPI_SAVERS", "name": "Savers", "condition": {"holds": ["SAVINGS_ACCOUNT"]}}
                    """).when().post("/api/v1/segments").then().statusCode(201);
            String a = client(), b = client(), c = client(), d = client();
            open(a, "CURRENT_ACCOUNT", M2.atDay(5).toString());
            String savings = open(a, "SAVINGS_ACCOUNT", M1.atDay(10).toString());
            open(b, "CURRENT_ACCOUNT", M2.atDay(3).toString());
            String card = open(b, "DEBIT_CARD", M2.atDay(4).toString());
            close(b, card, M1.atDay(20).toString());
            open(b, "CREDIT_CARD", M1.atDay(2).toString());
            String account = open(c, "CURRENT_ACCOUNT", M2.atDay(1).toString());
            close(c, account, M1.atDay(5).toString());
            balance(a, M2, 1000);
            balance(a, M1, 1500);
            balance(b, M2, 2000);
            balance(b, M1, 2500);
            balance(c, M2, 500);
            bank = new Bank(a, b, c, d, savings);
        }
        return bank;
    }

    static String client() {
        return given().contentType(ContentType.JSON).body("""
                {"externalRef": "KPI-%s", "type": "INDIVIDUAL", "fullName": "Kpi Client", "birthDate": "1985-03-14",
                 "incomeBracket": "MIDDLE", "customerSince": "2020-01-01"}
                """.formatted(UUID.randomUUID())).when().post("/api/v1/clients").then().statusCode(201).extract().path("id");
    }

    static String open(String client, String type, String openedAt) {
        return given().contentType(ContentType.JSON).body("{\"type\": \"%s\", \"openedAt\": \"%s\"}".formatted(type, openedAt))
                .when().post("/api/v1/clients/{id}/products", client).then().statusCode(201).extract().path("id");
    }

    static void close(String client, String product, String closedAt) {
        given().queryParam("closedAt", closedAt).when().delete("/api/v1/clients/{id}/products/{productId}", client, product)
                .then().statusCode(200);
    }

    static void balance(String client, YearMonth month, int averageBalance) {
        given().contentType(ContentType.JSON).body("""
                {"month": "%s", "revenue": 30, "costToServe": 10, "averageBalance": %d, "transactionCount": 5, "transactionAmount": 100}
                """.formatted(month, averageBalance)).when().post("/api/v1/clients/{id}/financials", client).then().statusCode(201);
    }

    static String quadrantOf(String client) {
        return given().when().get("/api/v1/clients/{id}/value", client).then().statusCode(200).extract().path("quadrant");
    }

    static JsonPath kpis(Object... query) {
        var request = given();
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam((String) query[i], query[i + 1]);
        }
        return request.when().get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void crossSellFundsAndProductFlowsFollowTheBanksHistoryMonthByMonth() {
        bank();
        given().queryParam("from", M2.toString()).queryParam("to", M1.toString())
                .when().get("/api/v1/kpis").then().statusCode(200)
                .body("from", equalTo(M2.toString())).body("to", equalTo(M1.toString()))
                .body("months.month", contains(M2.toString(), M1.toString()))
                // M2's end: A 1 product, B 2, C 1
                .body("months[0].clientsHolding", equalTo(3)).body("months[0].openProducts", equalTo(4))
                .body("months[0].crossSellRatio", equalTo(1.33f))
                .body("months[0].secondProductClients", equalTo(1)).body("months[0].secondProductShare", equalTo(0.3333f))
                .body("months[0].fundedClients", equalTo(3)).body("months[0].funds", equalTo(3500.0f))
                .body("months[0].averageFunds", equalTo(1166.67f)).body("months[0].fundsGrowth", nullValue())
                .body("months[0].productsOpened", equalTo(4)).body("months[0].productsClosed", equalTo(0))
                // M1's end: A 2 products, B 2 (the card closed, a credit card opened), C none
                .body("months[1].clientsHolding", equalTo(2)).body("months[1].openProducts", equalTo(4))
                .body("months[1].crossSellRatio", equalTo(2.0f))
                .body("months[1].secondProductClients", equalTo(2)).body("months[1].secondProductShare", equalTo(1.0f))
                .body("months[1].fundedClients", equalTo(2)).body("months[1].funds", equalTo(4000.0f))
                .body("months[1].averageFunds", equalTo(2000.0f)).body("months[1].fundsGrowth", equalTo(0.1429f))
                .body("months[1].productsOpened", equalTo(2)).body("months[1].productsClosed", equalTo(2));
    }

    @Test
    void theValueMixCountsTheClientsOfTheBankNowByQuadrantAndStrategy() {
        Bank b = bank();
        // C has left: not a client of the bank now
        Map<String, Long> expected = List.of(b.a(), b.b(), b.d()).stream()
                .collect(Collectors.groupingBy(PortfolioKpisTest::quadrantOf, Collectors.counting()));
        JsonPath kpis = kpis();
        assertCells(kpis, expected);
        String quadrant = quadrantOf(b.b());
        JsonPath filtered = kpis("quadrant", quadrant, "from", M1.toString(), "to", M1.toString());
        assertCells(filtered, Map.of(quadrant, expected.get(quadrant)));
        long holdingInQuadrant = List.of(b.a(), b.b()).stream().filter(c -> quadrant.equals(quadrantOf(c))).count();
        assertThat(filtered.getLong("months[0].clientsHolding")).isEqualTo(holdingInQuadrant);
    }

    private static void assertCells(JsonPath kpis, Map<String, Long> expected) {
        List<Map<String, Object>> cells = kpis.getList("valueMix");
        Map<String, Long> byQuadrant = cells.stream().collect(Collectors.groupingBy(c -> (String) c.get("quadrant"),
                Collectors.summingLong(c -> ((Number) c.get("clients")).longValue())));
        assertThat(byQuadrant).isEqualTo(expected);
        assertThat(kpis.getLong("clients")).isEqualTo(expected.values().stream().mapToLong(x -> x).sum());
    }

    @Test
    void aSegmentFilterCountsItsMembersOnlyAndTheSegmentTableShowsTheirCrossSell() {
        bank();
        given().queryParam("segment", "KPI_SAVERS").queryParam("from", M2.toString()).queryParam("to", M1.toString())
                .when().get("/api/v1/kpis").then().statusCode(200)
                .body("segment", equalTo("KPI_SAVERS"))
                .body("clients", equalTo(1))
                .body("months.clientsHolding", contains(1, 1)).body("months.openProducts", contains(1, 2))
                .body("months.secondProductClients", contains(0, 1))
                .body("months.funds", contains(1000.0f, 1500.0f)).body("months[1].fundsGrowth", equalTo(0.5f))
                .body("segmentsAt", equalTo(M1.toString()))
                .body("bySegment", hasSize(1)).body("bySegment[0].segment", equalTo("KPI_SAVERS"))
                .body("bySegment[0].clientsHolding", equalTo(1)).body("bySegment[0].crossSellRatio", equalTo(2.0f))
                .body("bySegment[0].secondProductShare", equalTo(1.0f));
    }

    /** Last: it changes the bank's history. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theClosedMonthIsWrittenOnceAndKeepsItsFiguresWhenTheHistoryChangesLater() {
        Bank b = bank();
        // two replicas taking it at once: one writes, the other finds it taken; a later run writes nothing either
        List<Boolean> taken = Uni.combine().all().unis(snapshots.take(M1), snapshots.take(M1)).with(Boolean.class, List::copyOf)
                .await().atMost(Duration.ofSeconds(60));
        assertThat(taken).containsExactlyInAnyOrder(true, false);
        assertThat(snapshots.take(M1).await().atMost(Duration.ofSeconds(60))).isFalse();
        assertThat(snapshots.take(M2).await().atMost(Duration.ofSeconds(60))).isTrue();

        given().queryParam("from", M2.toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis/monthly")
                .then().statusCode(200)
                .body("months.month", contains(M2.toString(), M1.toString()))
                .body("months.clientsHolding", contains(3, 2)).body("months.openProducts", contains(4, 4))
                .body("months.secondProductShare", contains(0.3333f, 1.0f))
                .body("months.funds", contains(3500.0f, 4000.0f)).body("months[0].fundsGrowth", nullValue())
                .body("months[1].fundsGrowth", equalTo(0.1429f))
                .body("months.productsOpened", contains(4, 2)).body("months.productsClosed", contains(0, 2))
                .body("months.clients", contains(3, 3)).body("months[1].takenAt", notNullValue())
                .body("months[1].valueMix.clients.sum()", equalTo(3));
        given().queryParam("segment", "KPI_SAVERS").queryParam("from", M1.toString()).queryParam("to", M1.toString())
                .when().get("/api/v1/kpis/monthly").then().statusCode(200)
                .body("months.clientsHolding", contains(1)).body("months.openProducts", contains(2));

        // the history changes afterwards: A's savings account closed, back-dated into M1; A leaves KPI_SAVERS
        close(b.a(), b.aSavings(), M1.atDay(25).toString());
        given().queryParam("from", M1.toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis")
                .then().statusCode(200).body("months[0].openProducts", equalTo(3)).body("months[0].productsClosed", equalTo(3));
        given().queryParam("segment", "KPI_SAVERS").queryParam("from", M1.toString()).queryParam("to", M1.toString())
                .when().get("/api/v1/kpis").then().statusCode(200).body("months[0].clientsHolding", equalTo(0));
        // the snapshot still shows M1 as it closed
        given().queryParam("from", M1.toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis/monthly")
                .then().statusCode(200).body("months[0].openProducts", equalTo(4)).body("months[0].productsClosed", equalTo(2));
        given().queryParam("segment", "KPI_SAVERS").queryParam("from", M1.toString()).queryParam("to", M1.toString())
                .when().get("/api/v1/kpis/monthly").then().statusCode(200).body("months[0].clientsHolding", equalTo(1));

        given().queryParam("segment", "KPI_SAVERS").queryParam("quadrant", "PROFITABLE_HIGH_POTENTIAL")
                .when().get("/api/v1/kpis/monthly").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("quadrant"));
        given().queryParam("from", "2026-1").when().get("/api/v1/kpis/monthly").then().statusCode(400)
                .body("violations[0].field", equalTo("from"));
    }

    @Test
    void badFiltersAreA400NamingTheParameter() {
        bad("from", "2026-13");
        bad("to", "last-month");
        bad("to", YearMonth.now().plusMonths(1).toString());
        bad("from", "1999-12");
        bad("quadrant", "GOLD");
        bad("segment", "NO_SUCH_SEGMENT");
        given().queryParam("from", M1.toString()).queryParam("to", M2.toString()).when().get("/api/v1/kpis")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("from"));
        given().queryParam("from", M1.minusMonths(120).toString()).queryParam("to", M1.toString()).when().get("/api/v1/kpis")
                .then().statusCode(400).body("violations[0].field", equalTo("from"));
    }

    private static void bad(String parameter, String value) {
        given().queryParam(parameter, value).when().get("/api/v1/kpis")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo(parameter));
    }
}
