package org.bankcrm.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.platform.inbox.InboxPurge;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The platform's inbox purge on the real database: rows applied before the cut-off go, in batches, until none is
 * left; younger rows stay, and so does what a consumer needs to skip a stale replay (applied_sequence).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
class InboxPurgeTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String INSERT = """
            insert into inbox_event (consumer, event_id, event_type, applied_at)
            values ($1, $2, 'crm.test.purged', now() - cast(cast($3 as text) as interval))
            """;

    @Inject
    InboxPurge purge;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry metrics;

    @Test
    void rowsOlderThanTheRetentionAreDeletedInBatchesAndYoungerOnesStay() {
        String consumer = "test/purge-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            insert(consumer, "15 days");
        }
        insert(consumer, "13 days");
        insert(consumer, "1 minute");
        String sequenceClient = UUID.randomUUID().toString();
        pool.preparedQuery("insert into applied_sequence (consumer, source, client_id, sequence) values ($1, '/test', $2, 7)")
                .execute(Tuple.of(consumer, sequenceClient)).await().atMost(WAIT);
        double before = purgedSoFar();

        // batches of 2 rows: 2 + 2 + 1, and the round stops at the first batch that is not full
        long purged = purge.purgeAppliedBefore(Instant.now().minus(Duration.ofDays(14)), 2).await().atMost(WAIT);

        assertThat(purged).isEqualTo(5);
        assertThat(count("select count(*) from inbox_event where consumer = $1", consumer)).isEqualTo(2);
        assertThat(count("select count(*) from inbox_event where consumer = $1 and applied_at < now() - interval '14 days'",
                consumer)).isZero();
        assertThat(count("select count(*) from applied_sequence where consumer = $1", consumer)).isEqualTo(1);
        assertThat(purgedSoFar() - before).isEqualTo(purged);
    }

    private void insert(String consumer, String age) {
        pool.preparedQuery(INSERT).execute(Tuple.of(consumer, UUID.randomUUID().toString(), age)).await().atMost(WAIT);
    }

    private long count(String sql, String consumer) {
        return pool.preparedQuery(sql).execute(Tuple.of(consumer)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private double purgedSoFar() {
        return metrics.counter("crm.inbox.purged").count();
    }
}
