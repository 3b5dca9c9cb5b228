package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** An outbound campaign decides ahead for a planned contact date: its month and weekday are what the model sees. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class ContactDateTest {

    static ValidatableResponse decide(String contactDate) {
        return decide(UUID.randomUUID().toString(), contactDate);
    }

    static ValidatableResponse decide(String clientId, String contactDate) {
        String context = contactDate == null ? "{}" : "{\"contactDate\": \"%s\"}".formatted(contactDate);
        return given().contentType(ContentType.JSON).body("""
                {"clientId": "%s", "channel": "CALL_CENTER", "context": %s}""".formatted(clientId, context))
                .when().post("/api/v1/decisions").then();
    }

    static JsonPath audit(String decisionId) {
        return given().when().get("/api/v1/decisions/{id}/audit", decisionId).then().statusCode(200).extract().jsonPath();
    }

    static double feature(JsonPath audit, String name) {
        List<String> names = audit.getList("featureNames");
        List<Float> features = audit.getList("inputs.features");
        return features.get(names.indexOf(name));
    }

    @Test
    void aPlannedContactDateIsKeptWithTheInputsAndGivesTheModelItsMonthAndWeekday() {
        String clientId = NextBestActionChainTest.clientId(false);
        TestEvents.send(TestEvents.registered(clientId, "AGE_35_44", TestEvents.consents(true, true, true, true, true)));
        await().atMost(Duration.ofSeconds(30)).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 1);
        LocalDate planned = LocalDate.now(ZoneOffset.UTC).plusDays(40);
        String decisionId = decide(clientId, planned.toString()).statusCode(201).extract().path("decisionId");
        JsonPath audit = audit(decisionId);
        assertThat(audit.getString("inputs.contactDate")).isEqualTo(planned.toString());
        assertThat(feature(audit, "month=" + planned.getMonth())).isEqualTo(1.0);
        assertThat(feature(audit, "weekday=" + planned.getDayOfWeek())).isEqualTo(1.0);
        assertThat(feature(audit, "weekday=" + planned.plusDays(1).getDayOfWeek())).isZero();
    }

    @Test
    void withoutAContactDateTheDecisionIsForTodayInTheBanksZone() {
        String decisionId = decide(null).statusCode(201).extract().path("decisionId");
        assertThat(audit(decisionId).getString("inputs.contactDate")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    }

    @Test
    void aContactDateInThePastOrMoreThanAYearAheadIsA400NamingTheField() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        decide(today.minusDays(1).toString()).statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem("context.contactDate"));
        decide(today.plusDays(366).toString()).statusCode(400)
                .body("violations.field", hasItem("context.contactDate"));
        decide(today.plusDays(365).toString()).statusCode(201);
    }

    @Test
    void aContactDateThatIsNotAnIsoDateIsA400NamingTheField() {
        decide("2027-13-45").statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem(containsString("contactDate")));
    }
}
