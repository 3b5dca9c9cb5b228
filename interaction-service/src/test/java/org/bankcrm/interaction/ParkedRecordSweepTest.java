package org.bankcrm.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The platform's one sweep of parked records, on the real database and broker: a record whose wait is over, and one
 * given up, go to the DLQ of their topic as they came with the reason (starting with the consumer that parked them),
 * and leave the table; one still within its wait stays.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class ParkedRecordSweepTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String CONSUMER = "interaction-service/touchpoint-ingest";
    static final String PARK = """
            insert into parked_record (consumer, client_id, topic, kafka_partition, kafka_offset, headers, data, parked_at,
                                       expires_at, dead_reason)
            values ($1, $2, $3, 1, $4, $5, $6, now() - interval '1 hour', now() - interval '1 hour' + cast(cast($7 as text) as interval), $8)
            """;

    @Inject
    Pool pool;

    @Test
    void recordsWhoseWaitIsOverOrThatWereGivenUpGoToTheDeadLetterTopicAsTheyCameWithTheReason() {
        String clientId = UUID.randomUUID().toString();
        String expiredId = UUID.randomUUID().toString();
        String givenUpId = UUID.randomUUID().toString();
        park(clientId, expiredId, 10, "59 minutes", null);
        park(clientId, givenUpId, 11, "30 minutes", "touchpoint sent again with other content");
        park(clientId, UUID.randomUUID().toString(), 12, "2 hours", null);

        await().atMost(WAIT).until(() -> TopicContents.forKey(TouchpointIngestTest.DLQ, clientId).size() >= 2);
        List<ConsumerRecord<String, String>> dead = TopicContents.forKey(TouchpointIngestTest.DLQ, clientId);
        ConsumerRecord<String, String> expired = withId(dead, expiredId);
        assertThat(CloudEventRecords.header(expired.headers(), "dead-letter-reason"))
                .startsWith(CONSUMER + ": client " + clientId + " is not known: no crm.client.registered within PT59M (parked at ");
        assertThat(CloudEventRecords.header(expired.headers(), "dead-letter-offset")).isEqualTo("10");
        assertThat(CloudEventRecords.header(expired.headers(), "ce_type")).isEqualTo("crm.touchpoint.submitted");
        assertThat(expired.value()).isEqualTo("{\"n\": 10}");
        assertThat(CloudEventRecords.header(withId(dead, givenUpId).headers(), "dead-letter-reason"))
                .isEqualTo(CONSUMER + ": touchpoint sent again with other content");
        await().atMost(WAIT).until(() -> parked(clientId) == 1);
        assertThat(TopicContents.forKey(TouchpointIngestTest.DLQ, clientId)).hasSize(2);
    }

    private void park(String clientId, String ceId, long offset, String expiresIn, String deadReason) {
        String headers = """
                {"ce_specversion": "1.0", "ce_id": "%s", "ce_type": "crm.touchpoint.submitted", "ce_source": "/test",
                 "ce_subject": "%s", "ce_time": "2026-12-06T08:00:00Z", "content-type": "application/json"}"""
                .formatted(ceId, clientId);
        pool.preparedQuery(PARK).execute(Tuple.tuple().addString(CONSUMER).addString(clientId).addString(TouchpointIngestTest.TOPIC)
                .addLong(offset).addString(headers).addString("{\"n\": " + offset + "}").addString(expiresIn).addString(deadReason))
                .await().atMost(WAIT);
    }

    private long parked(String clientId) {
        return pool.preparedQuery("select count(*) from parked_record where client_id = $1").execute(Tuple.of(clientId))
                .await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static ConsumerRecord<String, String> withId(List<ConsumerRecord<String, String>> records, String ceId) {
        return records.stream().filter(r -> ceId.equals(CloudEventRecords.header(r.headers(), "ce_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter with ce_id " + ceId));
    }
}
