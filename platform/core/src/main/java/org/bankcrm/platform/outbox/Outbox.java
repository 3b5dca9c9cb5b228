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
                insert into client_sequence as s (client_id, last_sequence) values (:key, 1)
                on conflict (client_id) do update set last_sequence = s.last_sequence + 1
                returning last_sequence)
            insert into outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, payload, extensions)
            select :eventId, :topic, :key, :type, :source, :subject, :occurredAt, cast(cast(:payload as text) as jsonb),
                   cast(cast(:extensions as text) as jsonb) || jsonb_build_object('sequence', cast(next.last_sequence as text))
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
        return PlatformStatements.executeUpdate(session -> session.createNativeQuery(INSERT)
                .setParameter("eventId", eventId)
                .setParameter("topic", event.topic())
                .setParameter("key", event.clientId())
                .setParameter("type", event.type())
                .setParameter("source", source)
                .setParameter("subject", event.clientId())
                .setParameter("occurredAt", now)
                .setParameter("payload", payload)
                .setParameter("extensions", extensions))
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
                                return collected.rows.isEmpty() ? Uni.createFrom().voidItem()
                                        : insertAll(collected.rows.toString()).replaceWithVoid();
                            })
                            .onTermination().invoke(() -> ContextLocals.remove(COLLECTED));
                });
    }

    private static final String COLLECTED = Outbox.class.getName() + ".collected";

    /** The events of one transaction's work waiting to be written together: the rows of {@link #INSERT_ALL_JSON}. */
    private final class Collected {
        final Object transaction;
        final com.fasterxml.jackson.databind.node.ArrayNode rows = json.createArrayNode();

        Collected(Object transaction) {
            this.transaction = transaction;
        }

        void add(UUID eventId, OutgoingEvent event, String payload, String extensions) {
            int position = rows.size();
            rows.addObject().put("event_id", eventId.toString()).put("topic", event.topic())
                    .put("event_key", event.clientId()).put("event_type", event.type()).put("position", position)
                    .put("payload", payload).put("extensions", extensions);
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
     * {@link #INSERT_ALL} for a Hibernate session: the rows as one JSON array parameter (each with its position), so the
     * statement's text, and its cached plans, are the same whatever the number of rows.
     */
    static final String INSERT_ALL_JSON = insertAll("""
            select * from json_to_recordset(cast(cast(:events as text) as json))
                 as e(event_id text, topic text, event_key text, event_type text, payload text, extensions text, position integer)""",
            ":source", ":occurredAt");

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
        List<UUID> ids = new ArrayList<>(events.size());
        com.fasterxml.jackson.databind.node.ArrayNode rows = json.createArrayNode();
        for (int i = 0; i < events.size(); i++) {
            OutgoingEvent event = events.get(i);
            UUID eventId = UUID.randomUUID();
            ids.add(eventId);
            var row = rows.addObject().put("event_id", eventId.toString()).put("topic", event.topic())
                    .put("event_key", event.clientId()).put("event_type", event.type()).put("position", i);
            try {
                row.put("payload", json.writeValueAsString(event.data()));
                row.put("extensions", json.writeValueAsString(TraceContext.withCurrentTraceparent(event.extensions())));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(new IllegalArgumentException("event data cannot be serialised: " + event.type(), e));
            }
        }
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.appendAll must run inside the transaction that changes the state"))
                .chain(tx -> {
                    Collected collected = collected(tx);
                    if (collected != null) {
                        for (int i = 0; i < events.size(); i++) {
                            var row = (com.fasterxml.jackson.databind.node.ObjectNode) rows.get(i);
                            collected.add(ids.get(i), events.get(i), row.get("payload").asText(), row.get("extensions").asText());
                        }
                        return Uni.createFrom().voidItem();
                    }
                    return insertAll(rows.toString());
                })
                .replaceWith(List.copyOf(ids));
    }

    private Uni<Integer> insertAll(String rows) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return PlatformStatements.executeUpdate(session -> session.createNativeQuery(INSERT_ALL_JSON)
                .setParameter("events", rows)
                .setParameter("source", source)
                .setParameter("occurredAt", now));
    }

    /**
     * As {@link #INSERT} for many rows: each client's counter moves by its number of events (clients in id order, as
     * {@code ClientLocks.lockAll} takes them), and its events get the sequences below the new value in list order.
     */
    static final String INSERT_ALL = insertAll("""
            select * from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                 with ordinality as e(event_id, topic, event_key, event_type, payload, extensions, position)""", "$1", "$2");

    /**
     * The multi-row insert over {@code rows} (a select of the events with their position), the same in both forms; casts
     * spelt out, not {@code ::}, which a Hibernate native query would read as a parameter's colon.
     */
    private static String insertAll(String rows, String source, String occurredAt) {
        return """
                with e as (
                %s),
                counts as (
                    select event_key, count(*) as n from e group by event_key),
                next as (
                    insert into client_sequence as s (client_id, last_sequence)
                    select event_key, n from counts order by event_key
                    on conflict (client_id) do update set last_sequence = s.last_sequence + excluded.last_sequence
                    returning client_id, last_sequence)
                insert into outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, payload, extensions)
                select cast(e.event_id as uuid), e.topic, e.event_key, e.event_type, %s, e.event_key, %s, cast(e.payload as jsonb),
                       cast(e.extensions as jsonb) || jsonb_build_object('sequence', cast(next.last_sequence - counts.n
                           + row_number() over (partition by e.event_key order by e.position) as text))
                from e join counts using (event_key) join next on next.client_id = e.event_key
                order by e.position
                """.formatted(rows, source, occurredAt);
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
        int n = events.size();
        List<UUID> ids = new ArrayList<>(n);
        String[] eventIds = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        String[] extensions = new String[n];
        for (int i = 0; i < n; i++) {
            OutgoingEvent event = events.get(i);
            UUID eventId = UUID.randomUUID();
            ids.add(eventId);
            eventIds[i] = eventId.toString();
            topics[i] = event.topic();
            keys[i] = event.clientId();
            types[i] = event.type();
            try {
                payloads[i] = json.writeValueAsString(event.data());
                extensions[i] = json.writeValueAsString(TraceContext.withCurrentTraceparent(event.extensions()));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(new IllegalArgumentException("event data cannot be serialised: " + event.type(), e));
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Tuple params = Tuple.tuple(List.of(source, now, eventIds, topics, keys, types, payloads, extensions));
        return connection.preparedQuery(INSERT_ALL).execute(params).replaceWith(List.copyOf(ids));
    }

    public String source() {
        return source;
    }
}
