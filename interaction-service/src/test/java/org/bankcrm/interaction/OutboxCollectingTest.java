package org.bankcrm.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The platform's outbox on the real database, as an inbox batch uses it: the events appended while {@link Outbox#collecting}
 * runs are written together at its end, in the order they were appended (each client's sequences following that order),
 * nothing of a failed work is written, and an append outside it is written at once.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
class OutboxCollectingTest {
    static final String TOPIC = "crm.interaction.events.v1"; // a real topic: the relay publishes the rows (of random clients)
    static final String ROWS = """
            select event_id::text, event_key, (extensions->>'sequence')::bigint, occurred_at from outbox_event
            where event_id = any($1::uuid[]) order by (extensions->>'sequence')::bigint
            """;

    @Inject
    Outbox outbox;
    @Inject
    Pool pool;

    static OutgoingEvent event(String clientId, String what) {
        return OutgoingEvent.of(TOPIC, "crm.test.collected", clientId, Map.of("what", what));
    }

    @Test
    void theEventsOfTheWorkAreWrittenTogetherInTheOrderTheyWereAppended() throws Throwable {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        List<UUID> ids = new ArrayList<>();
        List<Long> pendingDuringWork = new ArrayList<>();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.collecting(() -> outbox
                .append(event(a, "1")).invoke(ids::add)
                .chain(() -> outbox.append(event(b, "2"))).invoke(ids::add)
                .chain(() -> outbox.appendAll(List.of(event(a, "3"), event(a, "4")))).invoke(ids::addAll)
                .chain(() -> outbox.append(event(a, "5"))).invoke(ids::add)
                .chain(() -> written(ids)).invoke(pendingDuringWork::add))));
        assertThat(pendingDuringWork).as("rows written while the work ran").containsExactly(0L);

        List<Row> rows = rows(ids);
        assertThat(rows).hasSize(5);
        List<String> ofA = rows.stream().filter(r -> r.getString(1).equals(a)).map(r -> r.getString(0)).toList();
        assertThat(ofA).containsExactly(ids.get(0).toString(), ids.get(2).toString(), ids.get(3).toString(),
                ids.get(4).toString());
        List<Long> sequencesOfA = rows.stream().filter(r -> r.getString(1).equals(a)).map(r -> r.getLong(2)).toList();
        assertThat(sequencesOfA).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows.stream().map(r -> r.getOffsetDateTime(3)).distinct()).as("one statement, one time").hasSize(1);
    }

    @Test
    void aFailedWorkWritesNothingAndAnAppendOutsideTheWorkIsWrittenAtOnce() throws Throwable {
        String a = UUID.randomUUID().toString();
        List<UUID> ids = new ArrayList<>();
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox
                .collecting(() -> outbox.append(event(a, "lost")).invoke(ids::add)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the effect failed")))))))
                .hasMessageContaining("the effect failed");
        assertThat(rows(ids)).isEmpty();

        // the next transaction on a context: no collection any more, the row is there before the commit
        List<UUID> next = new ArrayList<>();
        long seen = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(event(a, "next"))
                .invoke(next::add).chain(() -> written(next))));
        assertThat(seen).isEqualTo(1L);
    }

    /** How many of {@code ids} the current transaction sees in the outbox. */
    private static Uni<Long> written(List<UUID> ids) {
        String list = ids.stream().map(UUID::toString).reduce((x, y) -> x + "," + y).orElse("");
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select count(*) from outbox_event where event_id::text = any(string_to_array(:ids, ','))", Long.class)
                .setParameter("ids", list).getSingleResult());
    }

    private List<Row> rows(List<UUID> ids) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(ROWS).execute(Tuple.of(ids.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(10))
                .forEach(rows::add);
        return rows;
    }
}
