package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.MARKETING, Roles.ADMIN })
class ValueRecomputationTest {
    static final String VALUE_CHANGED = "crm.client.value-changed";

    @Inject
    Pool pool;

    static String register(String type, String birthDate, String channel) {
        String birth = birthDate == null ? "" : "\"birthDate\": \"" + birthDate + "\",";
        return given().contentType(ContentType.JSON)
                .body("""
                        {"externalRef": "CB-%s", "type": "%s", "fullName": "Val Ue", %s "incomeBracket": "LOW",
                         "preferredChannel": "%s"}
                        """.formatted(UUID.randomUUID(), type, birth, channel))
                .when().post("/api/v1/clients").then().statusCode(201).extract().path("id");
    }

    /** Asks for a run (or gets the one running) and waits until it is done; returns its id. */
    static String recomputeAndWait() {
        var response = given().when().post("/api/v1/value-recomputations").then().extract();
        assertThat(response.statusCode()).isIn(200, 202);
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/api/v1/value-recomputations/" + id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var run = given().when().get("/api/v1/value-recomputations/{id}", id).then().statusCode(200).extract();
            assertThat(run.<String> path("status")).as("run %s (error %s)", id, run.path("error")).isNotEqualTo("FAILED");
            return "DONE".equals(run.path("status"));
        });
        if (response.statusCode() == 200) {
            // that run had started before we asked: ours is the next one
            return recomputeAndWait();
        }
        return id;
    }

    /** Every event committed so far has reached the broker. */
    void awaitOutboxPublished() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> pool
                .query("select count(*) from outbox_event where published_at is null").execute().await().indefinitely()
                .iterator().next().getLong(0) == 0);
    }

    @Test
    void theRecomputationOfEveryClientPublishesValueChangedOnlyWhereTheValueMoved() {
        String moved = register("INDIVIDUAL", "1985-03-14", "BRANCH");
        String unchanged = register("INDIVIDUAL", "1986-04-15", "BRANCH");
        PublishedEvents.expectOne(moved, VALUE_CHANGED);
        PublishedEvents.expectOne(unchanged, VALUE_CHANGED);

        // as if last month's computation had counted a month that has now left the trailing 12 months:
        // its margin is stored, the month itself no longer counts
        LocalDate leftWindow = YearMonth.now().minusMonths(12).atDay(1);
        pool.preparedQuery("""
                insert into monthly_financials (client_id, month, revenue, cost_to_serve, average_balance, transaction_count,
                    transaction_amount, recorded_at) values ($1, $2, 300, 50, 1000, 3, 500, now())""")
                .execute(Tuple.of(UUID.fromString(moved), leftWindow)).await().indefinitely();
        pool.preparedQuery("update client set profitability = 250, value_quadrant = 'PROFITABLE_HIGH_POTENTIAL', strategy = 'DEVELOP' where id = $1")
                .execute(Tuple.of(UUID.fromString(moved))).await().indefinitely();

        String run = recomputeAndWait();
        given().when().get("/api/v1/value-recomputations/{id}", run).then()
                .body("trigger", equalTo("MANUAL"))
                .body("progress", equalTo(1.0f))
                .body("changed", greaterThanOrEqualTo(1))
                .body("done", equalTo(given().when().get("/api/v1/value-recomputations/{id}", run).then().extract().path("total")))
                .body("finishedAt", notNullValue());
        given().when().get("/api/v1/value-recomputations").then().statusCode(200).body("id", hasItem(run));

        var events = PublishedEvents.expect(moved, VALUE_CHANGED, 2);
        var second = PublishedEvents.json(events.get(1).value());
        assertThat(second.get("profitability").decimalValue()).isZero();
        assertThat(second.get("previousQuadrant").asText()).isEqualTo("PROFITABLE_HIGH_POTENTIAL");
        assertThat(second.get("quadrant").asText()).startsWith("UNPROFITABLE");
        given().when().get("/api/v1/clients/{id}", moved).then().body("valueQuadrant", equalTo(second.get("quadrant").asText()));

        // a second run the same day finds nothing to change for either client
        recomputeAndWait();
        awaitOutboxPublished();
        assertThat(PublishedEvents.of(moved, VALUE_CHANGED)).hasSize(2);
        assertThat(PublishedEvents.of(unchanged, VALUE_CHANGED)).hasSize(1);
    }

    @Test
    void clientsWhoseSegmentsChangedAreRevaluedAfterTheSegmentRecomputation() {
        // business clients: SMALL_BUSINESS_OWNERS expects five products, none of them a term deposit
        String joins = register("BUSINESS", null, "EMAIL");
        String staysOut = register("BUSINESS", null, "EMAIL");
        given().contentType(ContentType.JSON).body("{\"type\": \"TERM_DEPOSIT\", \"balance\": 5000}")
                .when().post("/api/v1/clients/{id}/products", joins).then().statusCode(201);
        PublishedEvents.expectOne(joins, "crm.client.product-opened");
        awaitOutboxPublished();
        int before = PublishedEvents.of(joins, VALUE_CHANGED).size();
        double potentialBefore = given().when().get("/api/v1/clients/{id}/value", joins).then().extract().jsonPath()
                .getDouble("potential");

        String code = "DEPOSIT_BUSINESS_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
        String segmentId = given().contentType(ContentType.JSON)
                .body("""
                        {"code": "%s", "name": "Businesses with deposits",
                         "condition": {"all": [{"clientType": "BUSINESS"}, {"preferredChannel": ["EMAIL"]}, {"holds": ["TERM_DEPOSIT"]}]},
                         "expectedProducts": ["TERM_DEPOSIT", "INVESTMENT_FUND", "MORTGAGE"]}
                        """.formatted(code))
                .when().post("/api/v1/segments").then().statusCode(201).extract().path("id");
        SegmentsTest.awaitRecomputed(segmentId, 1);
        given().when().get("/api/v1/clients/{id}", joins).then().body("segments", hasItem(code));

        // the term deposit is now expected: one of eight expected products held instead of none of five, a smaller gap
        var events = PublishedEvents.expect(joins, VALUE_CHANGED, before + 1);
        var revalued = PublishedEvents.json(events.get(before).value());
        assertThat(revalued.get("potential").asDouble()).isLessThan(potentialBefore);
        given().when().get("/api/v1/clients/{id}/value", joins).then()
                .body("potentialComponents.productGap", equalTo(0.875f));
        awaitOutboxPublished();
        assertThat(PublishedEvents.of(staysOut, VALUE_CHANGED)).hasSize(1);
    }

    @Inject
    org.bankcrm.client.store.ClientRows clientRows;

    @Inject
    org.bankcrm.client.store.ValueRecomputationRuns runs;

    @Inject
    org.bankcrm.client.app.ClientValuation valuation;

    @Inject
    org.bankcrm.platform.store.ClientLocks locks;

    @Test
    void twoReplicasThatTakeUpTheSameRunDoEachPageOnce() {
        for (int i = 0; i < 9; i++) {
            register("INDIVIDUAL", "1980-01-0" + (i + 1), "BRANCH");
        }
        awaitOutboxPublished();
        var run = runs.request(pool, org.bankcrm.client.domain.ValueRecomputationRun.Trigger.MANUAL, java.time.Instant.now())
                .await().indefinitely().orElseThrow(() -> new AssertionError("another run is waiting or running"));
        // two replicas with pages of two clients, both taking up the waiting run at once (as each does at start)
        var first = new org.bankcrm.client.app.ValueRecomputation(pool, clientRows, runs, valuation, locks, 2);
        var second = new org.bankcrm.client.app.ValueRecomputation(pool, clientRows, runs, valuation, locks, 2);
        first.takeUpActive();
        second.takeUpActive();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "DONE".equals(given().when().get("/api/v1/value-recomputations/{id}", run.id()).then().extract().path("status")));
        var done = given().when().get("/api/v1/value-recomputations/{id}", run.id()).then().extract();
        assertThat(done.<Integer> path("total")).isGreaterThanOrEqualTo(9);
        // each client once: a page done by both replicas would push done past total
        assertThat(done.<Integer> path("done")).isEqualTo(done.<Integer> path("total"));
    }

    @Test
    void anUnknownRunIsA404() {
        given().when().get("/api/v1/value-recomputations/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
