package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.bankcrm.loyalty.app.ChurnLearning;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Two replicas labelling stayers at once (two transactions on two connections, as two processes would run them):
 * every stayer is learnt once, never by both.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.ADMIN })
class ChurnLabellingReplicasTest {
    private static final int STAYERS = 8;
    private static final int ROUND = 2;

    @Inject
    Pool pool;
    @Inject
    ChurnLearning learning;

    @AfterEach
    void forgetWhatWasLearnt() {
        pool.query("delete from churn_observation").execute().await().indefinitely();
        pool.query("delete from churn_model").execute().await().indefinitely();
        pool.query("delete from score_change where changed_at < now() - interval '100 days'").execute().await().indefinitely();
    }

    /** One labelling round in its own transaction, as a replica's scheduled run takes it. */
    private int round() throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> learning.labelStayers(ROUND)));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Test
    void twoReplicasLabellingAtOnceLearnEachStayerOnce() throws Exception {
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < STAYERS; i++) {
            String clientId = UUID.randomUUID().toString();
            clients.add(UUID.fromString(clientId));
            LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(3)));
        }
        for (UUID clientId : clients) {
            await().atMost(ChurnLearningTest.WAIT)
                    .until(() -> given().when().get("/api/v1/clients/{id}/loyalty", clientId).statusCode() == 200);
            // the snapshot as if taken 200 days ago: past the 180-day horizon, and the client has not left
            pool.preparedQuery("update score_change set changed_at = now() - interval '200 days' where client_id = $1")
                    .execute(Tuple.of(clientId)).await().indefinitely();
        }
        long negatives = ChurnLearningTest.churnModel().getLong("negatives");

        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> replica = () -> {
            start.await();
            int total = 0;
            int labelled;
            do {
                labelled = round();
                total += labelled;
            } while (labelled == ROUND);
            return total;
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = two.submit(replica);
            Future<Integer> second = two.submit(replica);
            start.countDown();
            assertThat(first.get() + second.get()).as("stayers labelled by both replicas together").isEqualTo(STAYERS);
        } finally {
            two.shutdownNow();
        }
        assertThat(ChurnLearningTest.churnModel().getLong("negatives")).isEqualTo(negatives + STAYERS);
        long observations = pool.preparedQuery("select count(*) from churn_observation where client_id = any($1)")
                .execute(Tuple.of(clients.toArray(UUID[]::new))).await().indefinitely().iterator().next().getLong(0);
        assertThat(observations).as("one observation per stayer").isEqualTo(STAYERS);
    }
}
