package org.bankcrm.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The only way a service emits an event: the row goes into {@code outbox_event} in the caller's reactive
 * transaction, so the state change and its event commit or roll back together. The commit fires a
 * NOTIFY that wakes the {@link OutboxRelay}, which publishes it to Kafka.
 */
@ApplicationScoped
public class Outbox {
    static final String INSERT = """
            insert into outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, payload, extensions)
            values (:eventId, :topic, :key, :type, :source, :subject, :occurredAt, cast(cast(:payload as text) as jsonb), cast(cast(:extensions as text) as jsonb))
            """;

    private final ObjectMapper json;
    private final String source;
    private final Clock clock;

    public Outbox(ObjectMapper json, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.json = json;
        this.source = "/bank-crm/" + serviceName;
        this.clock = Clock.systemUTC();
    }

    /** Appends the event to the outbox in the current transaction and returns its ce_id. */
    public Uni<UUID> append(OutgoingEvent event) {
        UUID eventId = UUID.randomUUID();
        String payload;
        String extensions;
        try {
            payload = json.writeValueAsString(event.data());
            extensions = json.writeValueAsString(event.extensions());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data cannot be serialised: " + event.type(), e));
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.append must run inside the transaction that changes the state"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("eventId", eventId)
                        .setParameter("topic", event.topic())
                        .setParameter("key", event.clientId())
                        .setParameter("type", event.type())
                        .setParameter("source", source)
                        .setParameter("subject", event.clientId())
                        .setParameter("occurredAt", now)
                        .setParameter("payload", payload)
                        .setParameter("extensions", extensions)
                        .executeUpdate())
                .replaceWith(eventId);
    }

    public String source() {
        return source;
    }
}
