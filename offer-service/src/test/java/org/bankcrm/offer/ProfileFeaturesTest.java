package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The client's optional profile (occupation, marital status, education, household) arrives with client-service's events
 * over the real broker, is kept in the read model, replaced by an update, and is what the propensity model of the next
 * decision sees.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.MARKETING })
class ProfileFeaturesTest {

    @Test
    void theProfileOfClientEventsReachesTheReadModelAndThePropensityFeatures() throws Exception {
        String segment = "PROFILE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String offerId = ModelStateSurvivesRestartTest.createOffer(segment, "RESEARCH");
        String clientId = NextBestActionChainTest.clientId(false);
        TestEvents.send(TestEvents.registeredWithProfile(clientId, NextBestActionChainTest.ALL_CONSENTS, "RETIRED", "WIDOWED",
                "SECONDARY", 2, 0));
        TestEvents.send(TestEvents.segmentChanged(clientId, List.of(segment)));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 2);

        JsonPath read = given().when().get("/api/v1/read-model/clients/{id}", clientId).then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("profile.occupation")).isEqualTo("RETIRED");
        assertThat(read.getString("profile.maritalStatus")).isEqualTo("WIDOWED");
        assertThat(read.getString("profile.education")).isEqualTo("SECONDARY");
        assertThat(read.getInt("profile.householdSize")).isEqualTo(2);
        assertThat(read.getInt("profile.dependants")).isZero();

        JsonPath first = ModelStateSurvivesRestartTest.decisionWith(clientId, offerId);
        assertThat(ContactHistoryFeaturesTest.feature(first, offerId, "occupation=RETIRED")).isEqualTo(1.0);
        assertThat(ContactHistoryFeaturesTest.feature(first, offerId, "marital=WIDOWED")).isEqualTo(1.0);
        assertThat(ContactHistoryFeaturesTest.feature(first, offerId, "education=SECONDARY")).isEqualTo(1.0);
        assertThat(ContactHistoryFeaturesTest.feature(first, offerId, "householdSize/6")).isEqualTo(2 / 6.0);
        assertThat(first.getDouble("actions.find { it.offerId == '%s' }.components.expectedPropensity".formatted(offerId)))
                .as("the posterior mean beside the Thompson sample").isBetween(0.01, 0.99);

        TestEvents.send(TestEvents.updated(clientId, NextBestActionChainTest.ALL_CONSENTS, "SELF_EMPLOYED"));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 3);
        JsonPath next = ModelStateSurvivesRestartTest.decisionWith(clientId, offerId);
        assertThat(ContactHistoryFeaturesTest.feature(next, offerId, "occupation=SELF_EMPLOYED")).isEqualTo(1.0);
        assertThat(ContactHistoryFeaturesTest.feature(next, offerId, "occupation=RETIRED")).isZero();
        assertThat(ContactHistoryFeaturesTest.feature(next, offerId, "marital=WIDOWED"))
                .as("the update carries the whole profile: what it leaves out is not known any more").isZero();
        assertThat(ContactHistoryFeaturesTest.feature(next, offerId, "householdSize/6")).isZero();
    }
}
