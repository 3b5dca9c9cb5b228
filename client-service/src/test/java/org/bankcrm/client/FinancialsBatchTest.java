package org.bankcrm.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /api/v1/financials/batch: many clients' months at once, as the single path records each. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.INTEGRATION, Roles.ADMIN, Roles.MARKETING })
class FinancialsBatchTest {

    static String month(String clientId, String month, int transactions) {
        return """
                {"clientId": "%s", "month": "%s", "revenue": 40, "costToServe": 10, "averageBalance": 2500.5,
                 "transactionCount": %d, "transactionAmount": 900}""".formatted(clientId, month, transactions);
    }

    static String body(List<String> months) {
        return "{\"months\": [" + String.join(",", months) + "]}";
    }

    @Test
    void monthsOfSeveralClientsAreRecordedAndPublishedAsTheSinglePathDoes() {
        String a = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String b = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        List<String> months = new ArrayList<>();
        for (int back = 3; back >= 1; back--) {
            months.add(month(a, YearMonth.now().minusMonths(back).toString(), 10 + back));
            months.add(month(b, YearMonth.now().minusMonths(back).toString(), back));
        }
        given().contentType(ContentType.JSON).body(body(months))
                .when().post("/api/v1/financials/batch")
                .then().statusCode(201).body("count", equalTo(6)).body("replaced", equalTo(0));
        given().when().get("/api/v1/clients/{id}/financials", a).then().statusCode(200)
                .body("", hasSize(3)).body("transactionCount", equalTo(List.of(13, 12, 11)));
        var events = PublishedEvents.expect(b, "crm.client.financials-recorded", 3);
        assertThat(events).extracting(e -> PublishedEvents.json(e.value()).get("transactionCount").asInt())
                .containsExactly(3, 2, 1);

        // the same month again replaces it, and says so
        given().contentType(ContentType.JSON).body(body(List.of(month(a, YearMonth.now().minusMonths(1).toString(), 99))))
                .when().post("/api/v1/financials/batch")
                .then().statusCode(201).body("count", equalTo(1)).body("replaced", equalTo(1));
    }

    @Test
    void aClientsMonthsInOneBatchAreOneChangeOfItsValueNotOnePerMonth() throws InterruptedException {
        String a = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        int valuesBefore = PublishedEvents.expect(a, "crm.client.value-changed", 1).size();
        List<String> months = new ArrayList<>();
        int revenue = 40;
        for (int back = 3; back >= 1; back--, revenue *= 10) {
            // each month moves the profitability: recomputed per month, each would be a value change of its own
            months.add("""
                    {"clientId": "%s", "month": "%s", "revenue": %d, "costToServe": 10, "averageBalance": 2500.5,
                     "transactionCount": 5, "transactionAmount": 900}""".formatted(a, YearMonth.now().minusMonths(back), revenue));
        }
        given().contentType(ContentType.JSON).body(body(months))
                .when().post("/api/v1/financials/batch")
                .then().statusCode(201).body("count", equalTo(3));
        var months3 = PublishedEvents.expect(a, "crm.client.financials-recorded", 3);
        var values = PublishedEvents.expect(a, "crm.client.value-changed", valuesBefore + 1);
        // the months' events (appended in one statement) carry the client's next sequences in order, and the value
        // change they caused comes after them
        List<Long> sequences = months3.stream().map(FinancialsBatchTest::sequence).toList();
        assertThat(sequences.get(1)).isEqualTo(sequences.get(0) + 1);
        assertThat(sequences.get(2)).isEqualTo(sequences.get(1) + 1);
        assertThat(sequence(values.get(valuesBefore))).isGreaterThan(sequences.get(2));
        assertThat(months3).extracting(e -> PublishedEvents.json(e.value()).get("revenue").asInt()).containsExactly(40, 400, 4000);
        Thread.sleep(1_000); // the batch's events were committed together: any further value change would be out by now
        assertThat(PublishedEvents.of(a, "crm.client.value-changed")).hasSize(valuesBefore + 1);
        assertThat(PublishedEvents.json(PublishedEvents.of(a, "crm.client.value-changed").get(valuesBefore).value())
                .get("profitability").asDouble()).isPositive();
    }

    @Test
    void anUnknownClientFailsTheWholeBatchWithItsIndexAndNothingIsRecorded() {
        String a = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String month = YearMonth.now().minusMonths(1).toString();
        given().contentType(ContentType.JSON).body(body(List.of(month(a, month, 5), month(UUID.randomUUID().toString(), month, 5))))
                .when().post("/api/v1/financials/batch")
                .then().statusCode(404).contentType("application/problem+json").body("index", equalTo(1));
        given().when().get("/api/v1/clients/{id}/financials", a).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void anErasedClientFailsTheWholeBatchWithA410AndItsIndex() {
        String a = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String gone = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().when().delete("/api/v1/clients/{id}", gone).then().statusCode(204);
        String month = YearMonth.now().minusMonths(1).toString();
        given().contentType(ContentType.JSON).body(body(List.of(month(a, month, 5), month(a, month, 6), month(gone, month, 5))))
                .when().post("/api/v1/financials/batch")
                .then().statusCode(410).contentType("application/problem+json").body("index", equalTo(2));
        given().when().get("/api/v1/clients/{id}/financials", a).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void aMonthGivenTwiceIsRecordedTwiceInOrderAndTheSecondFiguresStay() {
        String a = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String month = YearMonth.now().minusMonths(2).toString();
        given().contentType(ContentType.JSON).body(body(List.of(month(a, month, 1), month(a, month, 2))))
                .when().post("/api/v1/financials/batch")
                .then().statusCode(201).body("count", equalTo(2)).body("replaced", equalTo(1));
        given().when().get("/api/v1/clients/{id}/financials", a).then().statusCode(200)
                .body("", hasSize(1)).body("[0].transactionCount", equalTo(2));
        var events = PublishedEvents.expect(a, "crm.client.financials-recorded", 2);
        assertThat(events).extracting(e -> PublishedEvents.json(e.value()).get("transactionCount").asInt()).containsExactly(1, 2);
        assertThat(events).extracting(e -> PublishedEvents.json(e.value()).get("replaced").asBoolean()).containsExactly(false, true);
    }

    @Test
    void theClientsSegmentsFollowTheirLatestBalanceOnceABatch() {
        String code = "BULK_RICH_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().contentType(ContentType.JSON)
                .body("""
                        {"code": "%s", "name": "Very rich", "condition": {"balance": {"min": 900000000}}}
                        """.formatted(code))
                .when().post("/api/v1/segments").then().statusCode(201);
        String rich = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String other = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        String older = YearMonth.now().minusMonths(2).toString();
        String latest = YearMonth.now().minusMonths(1).toString();
        String richMonth = """
                {"clientId": "%s", "month": "%s", "revenue": 40, "costToServe": 10, "averageBalance": 950000000,
                 "transactionCount": 1, "transactionAmount": 900}""";
        // the older month is rich, the latest is not for `other`; `rich` is rich in its latest month
        given().contentType(ContentType.JSON)
                .body(body(List.of(month(rich, older, 1), richMonth.formatted(rich, latest), richMonth.formatted(other, older),
                        month(other, latest, 1))))
                .when().post("/api/v1/financials/batch").then().statusCode(201).body("count", equalTo(4));
        given().when().get("/api/v1/clients/{id}", rich).then().body("segments", hasItem(code));
        given().when().get("/api/v1/clients/{id}", other).then().body("segments", not(hasItem(code)));
        var joined = PublishedEvents.expect(rich, "crm.client.segment-changed", 1);
        assertThat(PublishedEvents.json(joined.get(joined.size() - 1).value()).get("joined").toString()).contains(code);

        // a later, poorer month: the client leaves the segment
        given().contentType(ContentType.JSON).body(body(List.of(month(rich, YearMonth.now().toString(), 1))))
                .when().post("/api/v1/financials/batch").then().statusCode(201);
        given().when().get("/api/v1/clients/{id}", rich).then().body("segments", not(hasItem(code)));
        var changes = PublishedEvents.expect(rich, "crm.client.segment-changed", joined.size() + 1);
        assertThat(PublishedEvents.json(changes.get(changes.size() - 1).value()).get("left").toString()).contains(code);
    }

    @Test
    void invalidMonthsAreA400NamingEachFieldWithItsIndexAndAnEmptyOrTooLargeBatchIsRefused() {
        String a = ClientRegistrationTest.register("CB-" + UUID.randomUUID());
        given().contentType(ContentType.JSON)
                .body(body(List.of(month(a, YearMonth.now().minusMonths(1).toString(), 5),
                        month(a, YearMonth.now().plusMonths(1).toString(), -1))))
                .when().post("/api/v1/financials/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("months[1].month"))
                .body("violations.field", hasItem("months[1].transactionCount"));
        given().contentType(ContentType.JSON).body("{\"months\": []}")
                .when().post("/api/v1/financials/batch").then().statusCode(400);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            tooMany.add(month(a, "2020-01", 1));
        }
        given().contentType(ContentType.JSON).body(body(tooMany))
                .when().post("/api/v1/financials/batch").then().statusCode(400);
        given().when().get("/api/v1/clients/{id}/financials", a).then().statusCode(200).body("", hasSize(0));
    }

    static long sequence(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> event) {
        return Long.parseLong(new String(event.headers().lastHeader("ce_sequence").value(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
