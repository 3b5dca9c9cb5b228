package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.offer.app.DecisionCache;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The decision path's in-memory catalogue and models stay in step: this replica's changes count at once, another
 * replica's (written to the shared database behind this one's back) within the refresh interval.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.MARKETING })
class DecisionCacheTest {
    @Inject
    DecisionCache cache;

    static int update(String sql, UUID id) throws Exception {
        Config config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, id);
            return statement.executeUpdate();
        }
    }

    @Test
    void aCatalogueChangeOnThisReplicaCountsForTheVeryNextDecision() {
        String segment = "TEST_SEGMENT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String client = ModelStateSurvivesRestartTest.clientInSegment(segment, false);
        String offerId = ModelStateSurvivesRestartTest.createOffer(segment, "RESEARCH");
        ModelStateSurvivesRestartTest.decisionWith(client, offerId);
        String code = given().when().get("/api/v1/offers/{id}", offerId).then().extract().path("code");
        given().contentType(ContentType.JSON).body("""
                {"code": "%s", "name": "Test action", "category": "RESEARCH", "condition": {"segment": ["%s"]},
                 "channels": ["BRANCH"], "value": 150, "active": false}""".formatted(code, segment))
                .when().put("/api/v1/offers/{id}", offerId).then().statusCode(200);
        assertThat(NextBestActionChainTest.decide(client, "BRANCH", 10).getList("actions.offerId", String.class))
                .doesNotContain(offerId);
    }

    @Test
    void anotherReplicasCatalogueAndModelChangesReachThisReplicaWithinTheRefreshInterval() throws Exception {
        String segment = "TEST_SEGMENT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String offerId = ModelStateSurvivesRestartTest.createOffer(segment, "RESEARCH");
        String client = ModelStateSurvivesRestartTest.clientInSegment(segment, false);
        var decision = ModelStateSurvivesRestartTest.decisionWith(client, offerId);
        given().contentType(ContentType.JSON).body(Map.of("offerId", offerId, "outcome", "ACCEPTED"))
                .when().post("/api/v1/decisions/{id}/responses", decision.getString("decisionId")).then().statusCode(201);
        UUID id = UUID.fromString(offerId);
        assertThat(cache.cachedModel(id).orElseThrow().model().observations()).isEqualTo(1);

        // another replica learnt 99 more answers for this offer: its row changed, this replica was not told
        assertThat(update("update propensity_model set observations = observations + 99, "
                + "revision = nextval('model_revision') where offer_id = ?", id)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
            NextBestActionChainTest.decide(client, "BRANCH", 10);
            return cache.cachedModel(id).orElseThrow().model().observations() == 100;
        });

        // another replica withdrew the offer
        assertThat(update("update offer set active = false, revision = nextval('catalogue_revision') where id = ?", id))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300))
                .until(() -> !NextBestActionChainTest.decide(client, "BRANCH", 10).getList("actions.offerId", String.class)
                        .contains(offerId));
    }
}
