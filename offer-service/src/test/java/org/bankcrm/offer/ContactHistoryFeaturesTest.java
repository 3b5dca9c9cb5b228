package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The contact history the propensity model sees is offer-service's own record of answers: a response recorded through
 * the API (real database, the client's read model built from events over the real broker) changes the contact-history
 * features of the next decision for that client and offer, and the decision's reasons say so.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.MARKETING })
class ContactHistoryFeaturesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static double feature(JsonPath decision, String offerId, String name) throws Exception {
        JsonNode audit = JSON.readTree(given().when().get("/api/v1/decisions/{id}/audit", decision.getString("decisionId"))
                .then().statusCode(200).extract().asString());
        List<String> names = JSON.convertValue(audit.get("featureNames"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        return audit.at("/inputs/offerFeatures/" + offerId).get(names.indexOf(name)).asDouble();
    }

    static String reasonsOf(JsonPath decision, String offerId) {
        return decision.getList("actions.findAll { it.offerId == '%s' }.reasons".formatted(offerId)).toString();
    }

    @Test
    void aRecordedResponseChangesTheContactHistoryFeaturesOfTheNextDecisionForThatClientAndOffer() throws Exception {
        String segment = "CONTACTS_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String offerId = ModelStateSurvivesRestartTest.createOffer(segment, "RESEARCH");
        String clientId = ModelStateSurvivesRestartTest.clientInSegment(segment, false);

        JsonPath first = ModelStateSurvivesRestartTest.decisionWith(clientId, offerId);
        assertThat(feature(first, offerId, "neverContacted")).isEqualTo(1.0);
        assertThat(feature(first, offerId, "offerContacts30d")).isZero();
        assertThat(feature(first, offerId, "lastOutcome=IGNORED")).isZero();
        assertThat(feature(first, offerId, "channel=BRANCH")).isEqualTo(1.0);
        assertThat(reasonsOf(first, offerId)).contains("never contacted about this offer");

        ModelStateSurvivesRestartTest.answer(first, offerId, "IGNORED");

        JsonPath next = ModelStateSurvivesRestartTest.decisionWith(clientId, offerId);
        assertThat(feature(next, offerId, "neverContacted")).isZero();
        assertThat(feature(next, offerId, "offerContacts30d")).isGreaterThan(0);
        assertThat(feature(next, offerId, "offerContacts90d")).isEqualTo(feature(next, offerId, "offerContacts30d"));
        assertThat(feature(next, offerId, "categoryContacts30d")).isGreaterThan(0);
        assertThat(feature(next, offerId, "daysSinceLastContact/cap")).isZero();
        assertThat(feature(next, offerId, "lastOutcome=IGNORED")).isEqualTo(1.0);
        assertThat(feature(next, offerId, "lastContactOnThisChannel")).isEqualTo(1.0);
        assertThat(reasonsOf(next, offerId)).contains("1 contacts about this offer in 30 days").contains("IGNORED, BRANCH");
    }
}
