package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * GET /api/v1/cx/metrics and /cx/findings on hand-computed touchpoints. Each test uses days of its own (in
 * 2021) that no other test records on, as the counters are shared by everything the test database holds.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class CxMetricsTest {

    static void record(String clientId, String at, String channel, String need, String outcome, String valence,
            String cause, String causeDetail, Integer csat, Integer nps) {
        InteractionRecordingTest.post(TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "occurredAt", at,
                "channel", channel, "need", need, "outcome", outcome, "valence", valence, "cause", cause,
                "causeDetail", causeDetail, "csat", csat, "nps", nps), 201);
    }

    static JsonPath metrics(String query) {
        return given().when().get("/api/v1/cx/metrics?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void metricsAreSumsOfTheDailyCountersByChannelAndCause() {
        String client = TestClients.known();
        record(client, "2021-03-01T09:00:00Z", "BRANCH", "CARDS", "RESOLVED", "POSITIVE", null, null, 5, 10);
        record(client, "2021-03-01T10:00:00Z", "CALL_CENTER", "LENDING", "UNRESOLVED", "NEGATIVE", "BANK", "WAITING_TIME", 2, 3);
        record(client, "2021-03-02T10:00:00Z", "CALL_CENTER", "LENDING", "RESOLVED", "NEUTRAL", null, null, 3, 8);
        // CARDS again two days after it was resolved: a repeat contact
        record(client, "2021-03-03T10:00:00Z", "BRANCH", "CARDS", "RESOLVED", "NEGATIVE", "BANK", "FEES", 1, 0);
        record(client, "2021-03-03T11:00:00Z", "MOBILE_APP", "PAYMENTS", "UNRESOLVED", "NEGATIVE", "CLIENT", null, null, null);

        JsonPath m = metrics("from=2021-03-01&to=2021-03-03");
        assertThat(m.getInt("total.touchpoints")).isEqualTo(5);
        assertThat(m.getDouble("total.csat.average")).isCloseTo(11.0 / 4, within(1e-6));
        assertThat(m.getInt("total.csat.responses")).isEqualTo(4);
        assertThat(m.getDouble("total.nps.score")).isCloseTo(-25.0, within(1e-6));
        assertThat(m.getInt("total.nps.promoters")).isEqualTo(1);
        assertThat(m.getInt("total.nps.passives")).isEqualTo(1);
        assertThat(m.getInt("total.nps.detractors")).isEqualTo(2);
        assertThat(m.getInt("total.firstContactResolution.journeysClosed")).isEqualTo(3);
        assertThat(m.getDouble("total.firstContactResolution.rate")).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(m.getInt("total.repeatContacts.count")).isEqualTo(1);
        assertThat(m.getDouble("total.repeatContacts.rate")).isCloseTo(0.2, within(1e-6));
        assertThat(m.getInt("total.negativeExperiences.count")).isEqualTo(3);
        assertThat(m.getDouble("total.negativeExperiences.share")).isCloseTo(0.6, within(1e-6));
        assertThat(m.getInt("total.negativeExperiences.bankCaused")).isEqualTo(2);
        assertThat(m.getDouble("total.negativeExperiences.bankCausedShare")).isCloseTo(2.0 / 3, within(1e-6));

        assertThat(m.getInt("byChannel.BRANCH.touchpoints")).isEqualTo(2);
        assertThat(m.getDouble("byChannel.BRANCH.csat.average")).isCloseTo(3.0, within(1e-6));
        assertThat(m.getDouble("byChannel.BRANCH.nps.score")).isCloseTo(0.0, within(1e-6));
        assertThat(m.getDouble("byChannel.BRANCH.firstContactResolution.rate")).isCloseTo(1.0, within(1e-6));
        assertThat(m.getDouble("byChannel.CALL_CENTER.nps.score")).isCloseTo(-50.0, within(1e-6));
        assertThat(m.getDouble("byChannel.CALL_CENTER.firstContactResolution.rate")).isCloseTo(0.0, within(1e-6));
        assertThat(m.getInt("byCauseDetail.WAITING_TIME.bankCaused")).isEqualTo(1);
        assertThat(m.getInt("byCauseDetail.FEES.bankCaused")).isEqualTo(1);
        assertThat(m.getMap("byCauseDetail")).hasSize(2);
        assertThat(m.getInt("byNeed.CARDS.repeatContacts.count")).isEqualTo(1);

        JsonPath callCentre = metrics("from=2021-03-01&to=2021-03-03&channel=CALL_CENTER");
        assertThat(callCentre.getInt("total.touchpoints")).isEqualTo(2);
        assertThat(callCentre.getDouble("total.csat.average")).isCloseTo(2.5, within(1e-6));
        assertThat(callCentre.getString("channel")).isEqualTo("CALL_CENTER");

        JsonPath secondDay = metrics("from=2021-03-02&to=2021-03-02");
        assertThat(secondDay.getInt("total.touchpoints")).isEqualTo(1);
        assertThat(secondDay.getInt("total.firstContactResolution.journeysClosed")).isEqualTo(1);

        JsonPath empty = metrics("from=2021-01-01&to=2021-01-31");
        assertThat(empty.getInt("total.touchpoints")).isZero();
        assertThat(empty.getString("total.csat.average")).isNull();
    }

    @Test
    void badMetricParametersAreA400NamingThem() {
        given().when().get("/api/v1/cx/metrics?from=2021-03-05&to=2021-03-01").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("from"));
        given().when().get("/api/v1/cx/metrics?to=yesterday").then().statusCode(400)
                .body("violations[0].field", equalTo("to"));
        given().when().get("/api/v1/cx/metrics?channel=FAX").then().statusCode(400)
                .body("violations[0].field", equalTo("channel"));
    }

    @Test
    void findingsRankBankCausedCausesFlagFallingCsatAndNeedsWithManyRepeatContacts() {
        String client = TestClients.known();
        // previous period (2021-05-04 .. 2021-05-31)
        record(client, "2021-05-10T10:00:00Z", "CHAT", "SAVINGS", "UNRESOLVED", "POSITIVE", null, null, 5, null);
        record(client, "2021-05-11T10:00:00Z", "CHAT", "SAVINGS", "UNRESOLVED", "POSITIVE", null, null, 5, null);
        record(client, "2021-05-12T10:00:00Z", "BRANCH", "PAYMENTS", "UNRESOLVED", "NEGATIVE", "BANK", "OUTAGE", null, null);
        record(client, "2021-05-13T10:00:00Z", "BRANCH", "PAYMENTS", "UNRESOLVED", "NEGATIVE", "BANK", "OUTAGE", null, null);
        // current period (2021-06-01 .. 2021-06-28)
        record(client, "2021-06-10T10:00:00Z", "CHAT", "SAVINGS", "UNRESOLVED", "NEGATIVE", "BANK", "FEES", 2, null);
        record(client, "2021-06-11T10:00:00Z", "CHAT", "SAVINGS", "UNRESOLVED", "NEGATIVE", "BANK", "FEES", 3, null);
        record(client, "2021-06-12T10:00:00Z", "BRANCH", "PAYMENTS", "UNRESOLVED", "NEGATIVE", "BANK", "OUTAGE", null, null);
        record(client, "2021-06-15T10:00:00Z", "CALL_CENTER", "LENDING", "RESOLVED", "NEUTRAL", null, null, null, null);
        record(client, "2021-06-17T10:00:00Z", "CALL_CENTER", "LENDING", "RESOLVED", "NEUTRAL", null, null, null, null);
        record(client, "2021-06-18T10:00:00Z", "CALL_CENTER", "LENDING", "UNRESOLVED", "NEUTRAL", null, null, null, null);

        JsonPath f = given().when().get("/api/v1/cx/findings?asOf=2021-06-28").then().statusCode(200).extract().jsonPath();
        assertThat(f.getString("period.from")).isEqualTo("2021-06-01");
        assertThat(f.getString("previousPeriod.from")).isEqualTo("2021-05-04");
        assertThat(f.getList("bankCausedNegativeCauses.causeDetail")).containsExactly("FEES", "OUTAGE");
        assertThat(f.getList("bankCausedNegativeCauses.trend")).containsExactly("RISING", "FALLING");
        assertThat(f.getInt("bankCausedNegativeCauses[1].previousCount")).isEqualTo(2);
        assertThat(f.getList("fallingCsatChannels.channel")).containsExactly("CHAT");
        assertThat(f.getDouble("fallingCsatChannels[0].drop")).isCloseTo(2.5, within(1e-6));
        assertThat(f.getList("highRepeatContactNeeds.need")).containsExactly("LENDING");
        assertThat(f.getInt("highRepeatContactNeeds[0].repeatContacts")).isEqualTo(2);
    }

    @Test
    void metricsOfASegmentCountTheTouchpointsOfItsClientsFromTheirSegmentChangeOn() {
        String member = TestClients.known();
        String other = TestClients.known();
        record(member, "2021-11-01T10:00:00Z", "CHAT", "CARDS", "UNRESOLVED", "NEGATIVE", "BANK", "STAFF", 1, null);
        TestClients.send(org.bankcrm.platform.testing.CloudEventRecords.event(TestClients.CLIENT_TOPIC,
                "crm.client.segment-changed", member, """
                        {"clientId": "%s", "segments": ["YOUNG_FAMILIES", "DIGITAL_FIRST"], "joined": ["YOUNG_FAMILIES", "DIGITAL_FIRST"],
                         "left": [], "changedAt": "2026-11-27T11:00:00Z"}
                        """.formatted(member)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> given().when()
                .get("/api/v1/read-model/clients/{id}", member).then().extract().jsonPath().getList("segments").size() == 2);
        record(member, "2021-11-02T10:00:00Z", "CHAT", "CARDS", "RESOLVED", "POSITIVE", null, null, 5, 10);
        record(other, "2021-11-02T11:00:00Z", "CHAT", "CARDS", "RESOLVED", "POSITIVE", null, null, 3, 5);

        JsonPath all = metrics("from=2021-11-01&to=2021-11-02");
        assertThat(all.getInt("total.touchpoints")).isEqualTo(3);
        JsonPath families = metrics("from=2021-11-01&to=2021-11-02&segment=YOUNG_FAMILIES");
        assertThat(families.getString("segment")).isEqualTo("YOUNG_FAMILIES");
        assertThat(families.getInt("total.touchpoints")).isEqualTo(1);
        assertThat(families.getDouble("total.csat.average")).isCloseTo(5.0, within(1e-6));
        assertThat(families.getInt("total.firstContactResolution.journeysClosed")).isEqualTo(1);
        assertThat(metrics("from=2021-11-01&to=2021-11-02&segment=DIGITAL_FIRST").getInt("total.touchpoints")).isEqualTo(1);
        assertThat(metrics("from=2021-11-01&to=2021-11-02&segment=PENSIONERS").getInt("total.touchpoints")).isZero();
        given().when().get("/api/v1/cx/metrics?segment=young families").then().statusCode(400)
                .body("violations[0].field", equalTo("segment"));
    }
}
