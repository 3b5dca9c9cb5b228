package org.bankcrm.offer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 19's example on the real broker and database: a crm.loyalty.score-changed that arrives late, with an older
 * sequence (and ce_time 2000-01-01), must not replace the churn risk offer-service holds, nor cause a decision.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class StaleEventsTest {
    static final String LOYALTY = "/bank-crm/loyalty-service";
    static final String CONSUMER = "offer-service/loyalty-events";

    @Inject
    MeterRegistry metrics;

    @Test
    void aLateScoreChangeWithAnOlderSequenceDoesNotReplaceTheCurrentChurnRisk() {
        String clientId = NextBestActionChainTest.knownClient();
        TestEvents.send(scoreChanged(clientId, UUID.randomUUID().toString(), 5, Instant.now(), 0.27));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> hasChurnRisk(clientId, 0.27));
        int applied = NextBestActionChainTest.eventsApplied(clientId);
        double staleBefore = stale();

        String lateId = UUID.randomUUID().toString();
        TestEvents.send(scoreChanged(clientId, lateId, 3, Instant.parse("2000-01-01T00:00:00Z"), 0.99));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> stale() > staleBefore);
        assertThat(hasChurnRisk(clientId, 0.27)).as("churn risk still 0.27 after the late event: " + churnRisk(clientId)).isTrue();
        assertThat(NextBestActionChainTest.eventsApplied(clientId)).isEqualTo(applied);

        // the next one in order is applied, and only it caused a decision
        TestEvents.send(scoreChanged(clientId, UUID.randomUUID().toString(), 6, Instant.now(), 0.41));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> hasChurnRisk(clientId, 0.41));
        List<ConsumerRecord<String, String>> decisions = NextBestActionChainTest.published(clientId, "crm.offer.decided");
        assertThat(decisions).noneMatch(r -> lateId.equals(CloudEventRecords.header(r.headers(), "ce_causationid")));
    }

    /**
     * The ordering check of a whole batch at once (two statements, not one per event): in one poll, a client's score
     * changes 10, 8 (older), 12 and another 12 (not newer) - the first 12 is the state kept, the other two are counted
     * stale - and the batch is applied as a batch, not failed over to one event at a time.
     */
    @Test
    void olderEventsInsideOneBatchAreSkippedAndTheNewestKept() {
        String clientId = NextBestActionChainTest.knownClient();
        TestEvents.send(scoreChanged(clientId, UUID.randomUUID().toString(), 5, Instant.now(), 0.05));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> hasChurnRisk(clientId, 0.05));
        int applied = NextBestActionChainTest.eventsApplied(clientId);
        double staleBefore = stale();
        double fallbacksBefore = fallbacks();

        CloudEventRecords.sendTogether(List.of(
                scoreChanged(clientId, UUID.randomUUID().toString(), 10, Instant.now(), 0.10),
                scoreChanged(clientId, UUID.randomUUID().toString(), 8, Instant.now(), 0.88),
                scoreChanged(clientId, UUID.randomUUID().toString(), 12, Instant.now(), 0.12),
                scoreChanged(clientId, UUID.randomUUID().toString(), 12, Instant.now(), 0.77)));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> stale() >= staleBefore + 2);
        await().atMost(NextBestActionChainTest.WAIT).until(() -> NextBestActionChainTest.eventsApplied(clientId) == applied + 2);
        assertThat(churnRisk(clientId)).isCloseTo(0.12, within(1e-6));
        assertThat(stale()).isEqualTo(staleBefore + 2);
        assertThat(fallbacks()).as("applied as a batch").isEqualTo(fallbacksBefore);

        // what the batch recorded holds for the next event: 12 is the newest applied
        TestEvents.send(scoreChanged(clientId, UUID.randomUUID().toString(), 11, Instant.now(), 0.11));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> stale() >= staleBefore + 3);
        assertThat(churnRisk(clientId)).isCloseTo(0.12, within(1e-6));
    }

    @Test
    void theSameSequenceFromAnotherProducerIsNotStale() {
        String clientId = NextBestActionChainTest.knownClient();
        TestEvents.send(scoreChanged(clientId, UUID.randomUUID().toString(), 9, Instant.now(), 0.30));
        await().atMost(NextBestActionChainTest.WAIT).until(() -> hasChurnRisk(clientId, 0.30));
        var other = CloudEventRecords.sequenced(CloudEventRecords.event(TestEvents.LOYALTY_TOPIC, "crm.loyalty.score-changed",
                clientId, TestEvents.scoreChanged(clientId, "TRUE", 0.35)), "/bank-crm/loyalty-service-b", 9, Instant.now());
        TestEvents.send(other);
        await().atMost(NextBestActionChainTest.WAIT).until(() -> hasChurnRisk(clientId, 0.35));
    }

    @Test
    void everyEventTheOutboxPublishesCarriesTheClientsNextSequence() {
        String clientId = NextBestActionChainTest.knownClient();
        NextBestActionChainTest.decide(clientId, "MOBILE_APP", 3);
        NextBestActionChainTest.decide(clientId, "BRANCH", 3);
        await().atMost(NextBestActionChainTest.WAIT)
                .until(() -> NextBestActionChainTest.published(clientId, "crm.offer.decided").size() >= 2);
        List<Long> sequences = NextBestActionChainTest.published(clientId, "crm.offer.decided").stream()
                .map(r -> Long.valueOf(CloudEventRecords.header(r.headers(), "ce_sequence"))).toList();
        assertThat(sequences).as("in publication order").isSorted().doesNotHaveDuplicates();
        assertThat(sequences.get(0)).isPositive();
    }

    private static ProducerRecord<String, String> scoreChanged(String clientId, String eventId, long sequence, Instant time,
            double churnRisk) {
        return CloudEventRecords.sequenced(CloudEventRecords.event(TestEvents.LOYALTY_TOPIC, eventId, "crm.loyalty.score-changed",
                clientId, TestEvents.scoreChanged(clientId, "TRUE", churnRisk)), LOYALTY, sequence, time);
    }

    private static boolean hasChurnRisk(String clientId, double expected) {
        Double risk = churnRisk(clientId);
        return risk != null && Math.abs(risk - expected) < 1e-6;
    }

    private static Double churnRisk(String clientId) {
        var read = given().when().get("/api/v1/read-model/clients/{id}", clientId);
        if (read.statusCode() != 200) {
            return null;
        }
        Number risk = read.path("churnRisk");
        return risk == null ? null : risk.doubleValue();
    }

    /** How many of this consumer's batches failed and were applied one event at a time since the start. */
    private double fallbacks() {
        Counter counter = metrics.find("crm.inbox.batch.fallbacks").tags("consumer", CONSUMER).counter();
        return counter == null ? 0 : counter.count();
    }

    private double stale() {
        Counter counter = metrics.find("crm.events.stale").tags("consumer", CONSUMER, "type", "crm.loyalty.score-changed").counter();
        return counter == null ? 0 : counter.count();
    }
}
