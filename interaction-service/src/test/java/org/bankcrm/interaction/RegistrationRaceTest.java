package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * A touchpoint parked while its client's registration is applied is not lost: the park and the release take the
 * client's advisory lock, so one waits for the other. The test holds the parking transaction open at the worst
 * moment — it has found no client and is writing the parked row — by keeping an uncommitted row with the same key in
 * the way, and lets the registration come meanwhile. Without the registration taking the lock, it would commit
 * without seeing the parked row and the touchpoint would wait for the sweep (and the DLQ).
 */
@QuarkusTest
@CallsAs({ Roles.CHANNEL, Roles.ADMIN })
@QuarkusTestResource(CrmTestResource.class)
class RegistrationRaceTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    long count(String sql) {
        return pool.query(sql).execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    @Test
    void aTouchpointParkedWhileItsClientsRegistrationIsAppliedIsAppliedOnce() {
        String clientId = UUID.randomUUID().toString();
        String touchpointId = UUID.randomUUID().toString();
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction inTheWay = connection.begin().await().atMost(WAIT);
            connection.query("insert into parked_record (consumer, natural_key, client_id, data, headers, topic, "
                    + "kafka_partition, kafka_offset, parked_at, expires_at) values ('interaction-service/touchpoint-ingest', '"
                    + touchpointId + "', '" + clientId + "', '{}', '{}', 'test', 0, 0, now(), now() + interval '1 hour')")
                    .execute().await().atMost(WAIT);

            var submitted = TouchpointIngestTest.submitted(clientId, TestClients.touchpoint(touchpointId, clientId));
            TestClients.send(submitted);
            await("the touchpoint is being parked (no client yet) and waits for the row in its way").atMost(WAIT)
                    .until(() -> count("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                            + "and query ilike '%insert into parked_record%'") == 1);

            TestClients.sendRegistered(clientId);
            await("the registration is applied, or waits for the client's lock").atMost(WAIT)
                    .until(() -> given().when().get("/api/v1/read-model/clients/{id}", clientId).statusCode() == 200
                            || count("select count(*) from pg_locks where locktype = 'advisory' and not granted") > 0);
            inTheWay.rollback().await().atMost(WAIT);

            await("the touchpoint is applied").atMost(WAIT).until(() -> given().when()
                    .get("/api/v1/interactions/{id}", touchpointId).statusCode() == 200);
            given().when().get("/api/v1/interactions/{id}", touchpointId).then().body("origin", equalTo("KAFKA"));
            assertThat(count("select count(*) from parked_record where client_id = '" + clientId + "'")).isZero();
            assertThat(TopicContents.forKey(TouchpointIngestTest.DLQ, clientId)).isEmpty();
            ConsumerRecord<String, String> recorded = await().atMost(WAIT)
                    .until(() -> InteractionRecordingTest.recordedEvents(clientId), l -> !l.isEmpty()).get(0);
            assertThat(InteractionRecordingTest.recordedEvents(clientId)).hasSize(1);
            // released from the parking, it is still caused by the record it came in
            assertThat(CloudEventRecords.header(recorded.headers(), "ce_causationid"))
                    .isEqualTo(CloudEventRecords.header(submitted.headers(), "ce_id"));
        } finally {
            connection.close().await().atMost(WAIT);
        }
    }
}
