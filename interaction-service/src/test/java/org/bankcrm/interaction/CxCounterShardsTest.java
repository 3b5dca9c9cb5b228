package org.bankcrm.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.interaction.store.CxCounterStore;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The CX counters of one cell are spread over shards by client (so that different clients' touchpoints do not queue
 * on one row), summed exactly by the reports, and folded back into one row for the days before yesterday.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class CxCounterShardsTest {
    private static final int SHARDS = 16; // crm.interaction.metrics.counter-shards

    @Inject
    Pool pool;

    @Inject
    CxCounterStore counters;

    @Test
    void touchpointsOfDifferentClientsAddToTheirShardsAndThePastIsCompactedWithoutChangingAnyFigure() {
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(TestClients.known());
        }
        Set<Integer> expectedShards = new TreeSet<>();
        for (String client : clients) {
            expectedShards.add(CxCounterStore.shardOf(UUID.fromString(client), SHARDS));
            // the same cell (2021-08-02, CHAT, SAVINGS, no cause) for every client; twice for one of them
            CxMetricsTest.record(client, "2021-08-02T10:00:00Z", "CHAT", "SAVINGS", "RESOLVED", "POSITIVE", null, null, 4, 9);
        }
        CxMetricsTest.record(clients.get(0), "2021-08-02T11:00:00Z", "CHAT", "SAVINGS", "RESOLVED", "POSITIVE", null, null, 5, 10);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String now = java.time.Instant.now().minusSeconds(5).toString();
        for (String client : clients) {
            CxMetricsTest.record(client, now, "ATM", "PAYMENTS", "RESOLVED", "NEUTRAL", null, null, null, null);
        }

        assertThat(shards("2021-08-02", "CHAT")).containsExactlyElementsOf(expectedShards);
        assertThat(touchpoints("2021-08-02", "CHAT")).isEqualTo(7);
        var before = CxMetricsTest.metrics("from=2021-08-02&to=2021-08-02&channel=CHAT");
        assertThat(before.getInt("total.touchpoints")).isEqualTo(7);
        assertThat(before.getInt("total.csat.responses")).isEqualTo(7);
        assertThat(before.getInt("total.nps.promoters")).isEqualTo(7);
        Set<Integer> todayShards = shards(today, "ATM");
        assertThat(todayShards).containsExactlyElementsOf(expectedShards);

        int cells = counters.compact(LocalDate.now(ZoneOffset.UTC).minusDays(1)).await().indefinitely();

        assertThat(cells).isPositive();
        assertThat(shards("2021-08-02", "CHAT")).containsExactly(0);
        assertThat(touchpoints("2021-08-02", "CHAT")).isEqualTo(7);
        var after = CxMetricsTest.metrics("from=2021-08-02&to=2021-08-02&channel=CHAT");
        assertThat(after.getInt("total.touchpoints")).isEqualTo(7);
        assertThat(after.getInt("total.csat.responses")).isEqualTo(7);
        assertThat(after.getDouble("total.csat.average")).isEqualTo(before.getDouble("total.csat.average"));
        assertThat(after.getInt("total.nps.promoters")).isEqualTo(7);
        // today stays spread out: the touchpoints arrive there
        assertThat(shards(today, "ATM")).isEqualTo(todayShards);
        // nothing left to fold: a second round writes nothing
        assertThat(counters.compact(LocalDate.parse("2021-08-03")).await().indefinitely()).isZero();
    }

    private Set<Integer> shards(String day, String channel) {
        Set<Integer> shards = new TreeSet<>();
        for (Row row : pool.preparedQuery("select distinct shard from cx_daily where day = $1 and channel = $2")
                .execute(Tuple.of(LocalDate.parse(day), channel)).await().indefinitely()) {
            shards.add((int) row.getShort(0));
        }
        return shards;
    }

    private long touchpoints(String day, String channel) {
        return pool.preparedQuery("select coalesce(sum(touchpoints), 0)::bigint from cx_daily where day = $1 and channel = $2")
                .execute(Tuple.of(LocalDate.parse(day), channel)).await().indefinitely().iterator().next().getLong(0);
    }
}
