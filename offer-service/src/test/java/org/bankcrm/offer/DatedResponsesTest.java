package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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

/**
 * An answer given earlier (logged after the fact, or an earlier contact a campaign system hands over) carries its
 * {@code respondedAt}: it counts in the contact history (and the cooldown) at that time; a time in the future or older than
 * {@code crm.offer.response.max-age} is a 400 problem naming {@code respondedAt}.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.MARKETING })
class DatedResponsesTest {

    static ValidatableResponse answer(JsonPath decision, String offerId, String outcome, Object respondedAt) {
        return given().contentType(ContentType.JSON).body(Map.of("offerId", offerId, "outcome", outcome, "respondedAt", respondedAt))
                .when().post("/api/v1/decisions/{id}/responses", decision.getString("decisionId")).then();
    }

    @Test
    void aDeclineDatedFortyDaysAgoCountsInTheContactHistoryFortyDaysAgoAndIsPastTheCooldown() throws Exception {
        String segment = "DATED_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String offerId = ModelStateSurvivesRestartTest.createOffer(segment, "RESEARCH");
        String clientId = ModelStateSurvivesRestartTest.clientInSegment(segment, false);
        JsonPath first = ModelStateSurvivesRestartTest.decisionWith(clientId, offerId);
        Instant fortyDaysAgo = Instant.now().minus(Duration.ofDays(40)).minusSeconds(60);
        answer(first, offerId, "DECLINED", fortyDaysAgo.toString()).statusCode(201)
                .body("respondedAt", containsString(fortyDaysAgo.toString().substring(0, 16)));

        JsonPath next = ModelStateSurvivesRestartTest.decisionWith(clientId, offerId);
        assertThat(ContactHistoryFeaturesTest.feature(next, offerId, "daysSinceLastContact/cap")).isEqualTo(40 / 365.0);
        assertThat(ContactHistoryFeaturesTest.feature(next, offerId, "lastOutcome=DECLINED")).isEqualTo(1.0);
        assertThat(ContactHistoryFeaturesTest.feature(next, offerId, "offerDeclinedBefore")).isEqualTo(1.0);
        assertThat(ContactHistoryFeaturesTest.feature(next, offerId, "offerContacts30d")).isZero();
        assertThat(ContactHistoryFeaturesTest.feature(next, offerId, "offerContacts90d")).isGreaterThan(0);
        assertThat(ContactHistoryFeaturesTest.reasonsOf(next, offerId)).contains("last 40 days ago (DECLINED, BRANCH)");
    }

    @Test
    void anAnswerInTheFutureOrOlderThanTheLimitIsRefusedAndNothingIsRecorded() {
        String segment = "DATED_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String offerId = ModelStateSurvivesRestartTest.createOffer(segment, "RESEARCH");
        JsonPath decision = ModelStateSurvivesRestartTest.decisionWith(
                ModelStateSurvivesRestartTest.clientInSegment(segment, false), offerId);
        answer(decision, offerId, "ACCEPTED", Instant.now().plus(Duration.ofHours(1)).toString()).statusCode(400)
                .contentType(containsString("application/problem+json")).body("violations.field", hasItem("respondedAt"));
        answer(decision, offerId, "ACCEPTED", Instant.now().minus(Duration.ofDays(400)).toString()).statusCode(400)
                .contentType(containsString("application/problem+json")).body("violations.field", hasItem("respondedAt"));
        answer(decision, offerId, "ACCEPTED", "yesterday").statusCode(400)
                .contentType(containsString("application/problem+json"));
        // nothing was recorded: the first valid answer is still a creation
        answer(decision, offerId, "ACCEPTED", Instant.now().minusSeconds(5).toString()).statusCode(201);
    }
}
