package org.bankcrm.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.platform.store.PlatformStatements;
import org.bankcrm.platform.tracing.TraceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The only way a service emits an event: the row goes into {@code outbox_event} in the caller's reactive
 * transaction, so the state change and its event commit or roll back together. The commit fires a
 * NOTIFY that wakes the {@link OutboxRelay}, which publishes it to Kafka. The row keeps the {@code traceparent} of the
 * span current when it is appended (CloudEvents extension {@code traceparent}), so the relay's later publish continues
 * the writer's trace ({@link TraceContext}).
 */
@ApplicationScoped
public class Outbox {
    /**
     * One statement: the client's next sequence (its {@code client_sequence} row is created or incremented, and stays
     * locked until the transaction ends, so a client's sequences follow its commits) and the row stamped with it.
     */
    static final String INSERT = """
            with next as (
                insert into client_sequence as s (client_id, last_sequence) values ($3, 1)
                on conflict (client_id) do update set last_sequence = s.last_sequence + 1
                returning last_sequence)
            insert into outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, payload, extensions)
            select $1, $2, $3, $4, $5, $3, $6, cast(cast($7 as text) as jsonb),
                   cast(cast($8 as text) as jsonb) || jsonb_build_object('sequence', cast(next.last_sequence as text))
            from next
            """;

    private final ObjectMapper json;
    private final String source;
    private final Clock clock;

    public Outbox(ObjectMapper json, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.json = json;
        this.source = "/bank-crm/" + serviceName;
        this.clock = Clock.systemUTC();
    }

    /**
     * Appends the event to the outbox in the current transaction and returns its ce_id. Inside
     * {@link #collecting(Supplier)} (an inbox batch) the row is written with the transaction's other events in one
     * statement at the end of the work, in the order they were appended.
     */
    public Uni<UUID> append(OutgoingEvent event) {
        UUID eventId = UUID.randomUUID();
        String payload;
        String extensions;
        try {
            payload = json.writeValueAsString(event.data());
            extensions = json.writeValueAsString(TraceContext.withCurrentTraceparent(event.extensions()));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data cannot be serialised: " + event.type(), e));
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.append must run inside the transaction that changes the state"))
                .chain(tx -> {
                    Collected collected = collected(tx);
                    if (collected != null) {
                        collected.add(eventId, event, payload, extensions);
                        return Uni.createFrom().item(eventId);
                    }
                    return insert(eventId, event, payload, extensions, now);
                });
    }

    private Uni<UUID> insert(UUID eventId, OutgoingEvent event, String payload, String extensions, OffsetDateTime now) {
        return PlatformStatements.update(INSERT, eventId, event.topic(), event.clientId(), event.type(), source, now, payload,
                        extensions)
                .replaceWith(eventId);
    }

    /**
     * Runs {@code work} inside the current transaction with the events it appends ({@link #append},
     * {@link #appendAll(List)}) collected, then writes them all in one statement, in the order they were appended, when
     * the work has succeeded: an inbox batch's effects emit one outbox statement, not one per event. A failed work
     * writes nothing (its transaction rolls back anyway).
     */
    public <T> Uni<T> collecting(Supplier<Uni<T>> work) {
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.collecting must run inside the transaction that changes the state"))
                .chain(tx -> {
                    Collected collected = new Collected(tx);
                    ContextLocals.put(COLLECTED, collected);
                    return Uni.createFrom().<T> deferred(() -> work.get())
                            .call(() -> {
                                ContextLocals.remove(COLLECTED);
                                return collected.isEmpty() ? Uni.createFrom().voidItem()
                                        : insertAll(collected).replaceWithVoid();
                            })
                            .onTermination().invoke(() -> ContextLocals.remove(COLLECTED));
                });
    }

    private static final String COLLECTED = Outbox.class.getName() + ".collected";

    /** The events of one transaction's work waiting to be written together: the columns of {@link #INSERT_ALL}. */
    private static final class Collected {
        final Object transaction;
        final List<String> eventIds = new ArrayList<>();
        final List<String> topics = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        final List<String> payloads = new ArrayList<>();
        final List<String> extensions = new ArrayList<>();

        Collected(Object transaction) {
            this.transaction = transaction;
        }

        void add(UUID eventId, OutgoingEvent event, String payload, String extension) {
            eventIds.add(eventId.toString());
            topics.add(event.topic());
            keys.add(event.clientId());
            types.add(event.type());
            payloads.add(payload);
            extensions.add(extension);
        }

        void addAll(Collected rows) {
            eventIds.addAll(rows.eventIds);
            topics.addAll(rows.topics);
            keys.addAll(rows.keys);
            types.addAll(rows.types);
            payloads.addAll(rows.payloads);
            extensions.addAll(rows.extensions);
        }

        List<UUID> ids() {
            return eventIds.stream().map(UUID::fromString).toList();
        }

        boolean isEmpty() {
            return eventIds.isEmpty();
        }
    }

    /** The collection of the current transaction, if {@link #collecting} runs it on this context; else null. */
    private static Collected collected(Object transaction) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        Collected collected = ContextLocals.<Collected> get(COLLECTED).orElse(null);
        return collected != null && collected.transaction == transaction ? collected : null;
    }

    /**
     * Appends many events in one statement in the current transaction (a Hibernate session's), in the order of
     * {@code events}: each client's events get its next sequences in that order and are published in it. For a
     * writer that emits several events of one change at once (a client's months of a bulk load); returns the ce_ids
     * in the same order.
     */
    public Uni<List<UUID>> appendAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Collected rows;
        try {
            rows = rowsOf(events);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.appendAll must run inside the transaction that changes the state"))
                .chain(tx -> {
                    Collected collected = collected(tx);
                    if (collected != null) {
                        collected.addAll(rows);
                        return Uni.createFrom().voidItem();
                    }
                    return insertAll(rows).replaceWithVoid();
                })
                .replaceWith(rows.ids());
    }

    /**
     * Appends many events in one multi-row statement on {@code connection}, which must be inside the
     * transaction that changes the state (for writers that use the reactive SQL client rather than a
     * Hibernate session). The rows keep the order of {@code events}, so one client's events are published
     * in that order. Returns the ce_ids in the same order.
     */
    public Uni<List<UUID>> appendAll(SqlConnection connection, List<OutgoingEvent> events) {
        if (connection.transaction() == null) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "Outbox.appendAll must run inside the transaction that changes the state"));
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Collected rows;
        try {
            rows = rowsOf(events);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return connection.preparedQuery(INSERT_ALL).execute(Tuple.tuple(insertAllParameters(rows))).replaceWith(rows.ids());
    }

    /** The rows of {@code events}, each with a new ce_id; an event whose data cannot be written fails. */
    private Collected rowsOf(List<OutgoingEvent> events) {
        Collected rows = new Collected(null);
        for (OutgoingEvent event : events) {
            try {
                rows.add(UUID.randomUUID(), event, json.writeValueAsString(event.data()),
                        json.writeValueAsString(TraceContext.withCurrentTraceparent(event.extensions())));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("event data cannot be serialised: " + event.type(), e);
            }
        }
        return rows;
    }

    private Uni<Integer> insertAll(Collected rows) {
        return PlatformStatements.update(INSERT_ALL, insertAllParameters(rows).toArray());
    }

    /** The parameters of {@link #INSERT_ALL} for {@code rows}, stamped now. */
    private List<Object> insertAllParameters(Collected rows) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return List.of(source, now, rows.eventIds.toArray(String[]::new), rows.topics.toArray(String[]::new),
                rows.keys.toArray(String[]::new), rows.types.toArray(String[]::new), rows.payloads.toArray(String[]::new),
                rows.extensions.toArray(String[]::new));
    }

    /**
     * As {@link #INSERT} for many rows, given as one array per column: each client's counter moves by its number of
     * events (clients in id order, as {@code ClientLocks.lockAll} takes them), and its events get the sequences below
     * the new value in the order of the arrays.
     */
    static final String INSERT_ALL = """
            with e as (
                select * from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                     with ordinality as e(event_id, topic, event_key, event_type, payload, extensions, position)),
            counts as (
                select event_key, count(*) as n from e group by event_key),
            next as (
                insert into client_sequence as s (client_id, last_sequence)
                select event_key, n from counts order by event_key
                on conflict (client_id) do update set last_sequence = s.last_sequence + excluded.last_sequence
                returning client_id, last_sequence)
            insert into outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, payload, extensions)
            select cast(e.event_id as uuid), e.topic, e.event_key, e.event_type, $1, e.event_key, $2, cast(e.payload as jsonb),
                   cast(e.extensions as jsonb) || jsonb_build_object('sequence', cast(next.last_sequence - counts.n
                       + row_number() over (partition by e.event_key order by e.position) as text))
            from e join counts using (event_key) join next on next.client_id = e.event_key
            order by e.position
            """;

    public String source() {
        return source;
    }
}
