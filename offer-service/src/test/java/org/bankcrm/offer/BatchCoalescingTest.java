package org.bankcrm.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The batched incoming path of the decision point on the real broker and database: touchpoints of one client that
 * arrive in one poll are applied in one transaction and cause one fast decision, which names every one of them
 * (trigger.causedBy in order; the last one as trigger.eventId and ce_causationid).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class BatchCoalescingTest {


    @Test
    void threeTouchpointsOfOneClientInOnePollCauseOneDecisionThatNamesThemAll() {
        String clientId = NextBestActionChainTest.knownClient();
        List<String> touchpoints = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        String[] channels = {"BRANCH", "CALL_CENTER", "MOBILE_APP"};
        for (String channel : channels) {
            String id = UUID.randomUUID().toString();
            touchpoints.add(id);
            records.add(TestEvents.interaction(id, clientId, TestEvents.recorded(clientId, channel, "INQUIRY", "RESOLVED",
                    "POSITIVE", null)));
        }
        CloudEventRecords.sendTogether(records);
        await().atMost(NextBestActionChainTest.WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == 6);

        await().during(Duration.ofSeconds(2)).atMost(NextBestActionChainTest.WAIT)
                .until(() -> NextBestActionChainTest.published(clientId, "crm.offer.decided").size() == 1);
        ConsumerRecord<String, String> decided = NextBestActionChainTest.published(clientId, "crm.offer.decided").get(0);
        assertThat(EventContracts.violations("contracts/crm.offer.decided.schema.json", decided.value())).isEmpty();
        JsonPath data = JsonPath.from(decided.value());
        assertThat(data.getString("trigger.type")).isEqualTo("INTERACTION");
        assertThat(data.getList("trigger.causedBy", String.class)).containsExactlyElementsOf(touchpoints);
        assertThat(data.getString("trigger.eventId")).isEqualTo(touchpoints.get(2));
        assertThat(CloudEventRecords.header(decided.headers(), "ce_causationid")).isEqualTo(touchpoints.get(2));
        assertThat(data.getString("channel")).as("the channel of the last touchpoint").isEqualTo("MOBILE_APP");
    }

    /**
     * The consumer reads what the batch's decisions need for all its clients in one statement (the prefetch, which
     * runs for a batch of crm.inbox.prefetch-min-clients = 8 clients or more): each decision still stands on its own
     * client's contact history - a decline within the cooldown is seen, and kept out of the actions, for that client only.
     */
    @Test
    void touchpointsOfSeveralClientsInOnePollAreDecidedEachOnItsOwnContactHistory() {
        String declining = NextBestActionChainTest.knownClient();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(NextBestActionChainTest.knownClient());
        }
        JsonPath asked = NextBestActionChainTest.decide(declining, "BRANCH", 1);
        String declined = asked.getString("actions[0].offerId");
        given().contentType(ContentType.JSON).body(Map.of("offerId", declined, "outcome", "DECLINED"))
                .when().post("/api/v1/decisions/{id}/responses", asked.getString("decisionId")).then().statusCode(201);

        List<ProducerRecord<String, String>> records = new ArrayList<>();
        List<String> clients = new ArrayList<>(List.of(declining));
        clients.addAll(others);
        for (int round = 0; round < 2; round++) {
            for (String clientId : clients) {
                records.add(TestEvents.interaction(UUID.randomUUID().toString(), clientId,
                        TestEvents.recorded(clientId, "BRANCH", "INQUIRY", "RESOLVED", "POSITIVE", null)));
            }
        }
        CloudEventRecords.sendTogether(records);
        await().atMost(NextBestActionChainTest.WAIT).until(() -> clients.stream()
                .allMatch(clientId -> NextBestActionChainTest.eventsApplied(clientId) == 5));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> clients.stream()
                .allMatch(clientId -> chainDecisions(clientId).size() >= 1));

        for (JsonPath decision : chainDecisions(declining)) {
            assertThat(decision.getList("actions.offerId", String.class)).isNotEmpty().doesNotContain(declined);
            JsonPath audit = ContactDateTest.audit(decision.getString("decisionId"));
            assertThat(audit.getMap("inputs.history.lastDeclinedAt")).containsOnlyKeys(declined);
            assertThat(audit.getBoolean("inputs.clientKnown")).isTrue();
        }
        for (JsonPath decision : others.stream().flatMap(other -> chainDecisions(other).stream()).toList()) {
            JsonPath audit = ContactDateTest.audit(decision.getString("decisionId"));
            assertThat(audit.getMap("inputs.history.lastDeclinedAt")).isEmpty();
            assertThat(audit.getList("inputs.history.contacts")).isEmpty();
            assertThat(audit.getString("inputs.client.ageBand")).isEqualTo("AGE_35_44");
        }
    }

    /**
     * A poll of hundreds of clients' score changes, everything each reads prefetched, so that every client's effect
     * completes at once: applied and decided whole (chaining them one Uni after the other overflowed the stack and
     * left the batch's transaction open for good).
     */
    @Test
    void aPollOfHundredsOfClientsScoreChangesIsAppliedAndDecidedWhole() {
        int clients = 400;
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> registrations = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String id = NextBestActionChainTest.clientId(false);
            ids.add(id);
            registrations.add(TestEvents.registered(id, "AGE_35_44", NextBestActionChainTest.ALL_CONSENTS));
        }
        CloudEventRecords.sendTogether(registrations);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from client_profile where client_id = any($1)",
                ids) == clients);

        List<ProducerRecord<String, String>> scores = new ArrayList<>();
        for (String id : ids) {
            scores.add(CloudEventRecords.event(TestEvents.LOYALTY_TOPIC, UUID.randomUUID().toString(),
                    "crm.loyalty.score-changed", id, TestEvents.scoreChanged(id, "SPURIOUS", 0.45)));
        }
        CloudEventRecords.sendTogether(scores);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "select count(*) from decision where client_id = any($1) and trigger_type = 'LOYALTY_SCORE'", ids) == clients);
        assertThat(count("select count(*) from client_profile where client_id = any($1) and loyalty_type = 'SPURIOUS'", ids))
                .isEqualTo(clients);
    }

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private long count(String sql, List<String> ids) {
        return pool.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.of(ids.stream().map(UUID::fromString)
                .toArray(UUID[]::new))).await().indefinitely().iterator().next().getLong(0);
    }

    private static List<JsonPath> chainDecisions(String clientId) {
        return NextBestActionChainTest.published(clientId, "crm.offer.decided").stream()
                .map(r -> JsonPath.from(r.value()))
                .filter(d -> "INTERACTION".equals(d.getString("trigger.type")))
                .toList();
    }
}
