package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Touchpoints that trickle in while the ingest consumer is busy are applied together: the connector polls each of them
 * on its own, and the platform merges the polls that wait into the next batch (one transaction), where they used to be
 * one batch each. Nothing is lost or applied twice on the way.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class MergedPollsTest {
    private static final String TOPIC = "crm.touchpoint.ingest.v1";
    private static final int TRICKLE = 24;

    @Inject
    Pool pool;

    @Test
    void touchpointsThatComeWhileABatchWaitsAreAppliedInOneBatchAfterIt() throws Exception {
        String held = TestClients.known();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(TestClients.known());
        }
        double batchesBefore = CxCountersInBatchTest.ingestMetric("crm_inbox_batch_duration_seconds_count");
        double fallbacksBefore = CxCountersInBatchTest.ingestMetric("crm_inbox_batch_fallbacks_total");

        // another transaction holds the first client's lock: the batch holding its touchpoint waits for it
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> locked = new CompletableFuture<>();
        Uni<Void> holding = pool.withTransaction(connection -> connection
                .preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of(held))
                .invoke(() -> locked.complete(null))
                .chain(() -> Uni.createFrom().completionStage(release)));
        CompletableFuture<Void> released = holding.subscribeAsCompletionStage();
        locked.get();
        TestClients.send(CloudEventRecords.event(TOPIC, "crm.touchpoint.submitted", held,
                TestClients.touchpoint(UUID.randomUUID().toString(), held)));
        await().atMost(Duration.ofSeconds(20)).until(() -> waitingForAdvisoryLocks() > 0);

        // meanwhile touchpoints trickle in, each in a poll of its own
        for (int i = 0; i < TRICKLE; i++) {
            String client = others.get(i % others.size());
            TestClients.send(CloudEventRecords.event(TOPIC, "crm.touchpoint.submitted", client,
                    TestClients.touchpoint(UUID.randomUUID().toString(), client)));
            Thread.sleep(20);
        }
        Thread.sleep(500);
        release.complete(null);
        released.get();

        await().atMost(Duration.ofSeconds(30)).until(() -> interactions(held) == 1
                && others.stream().mapToInt(MergedPollsTest::interactions).sum() == TRICKLE);
        // the held batch, then what waited: one batch, or two when the connector's last polls came after it had begun
        assertThat(CxCountersInBatchTest.ingestMetric("crm_inbox_batch_duration_seconds_count") - batchesBefore).isLessThanOrEqualTo(3);
        assertThat(CxCountersInBatchTest.ingestMetric("crm_inbox_batch_fallbacks_total")).isEqualTo(fallbacksBefore);
        assertThat(CxCountersInBatchTest.ingestMetric("crm_inbox_batch_polls_max")).isGreaterThan(1);
        for (String client : others) {
            assertThat(interactions(client)).isEqualTo(TRICKLE / others.size());
        }
    }

    private long waitingForAdvisoryLocks() {
        return pool.query("select count(*) from pg_locks where locktype = 'advisory' and not granted").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(10));
    }

    private static int interactions(String clientId) {
        var response = given().when().get("/api/v1/clients/{id}/interactions", clientId);
        return response.statusCode() == 200 ? response.path("total") : 0;
    }
}
