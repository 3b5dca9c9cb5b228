package org.bankcrm.platform.inbox;

import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.events.MalformedEventException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies an incoming event at most once per consumer: the event's ce_id goes into {@code inbox_event}
 * in the same transaction as the effect. A redelivery finds the id already there and changes nothing;
 * a failed effect rolls the id back with it, so the retry (or the DLQ) sees the event as new.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);
    static final String CLAIM = """
            insert into inbox_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
            values (:consumer, :eventId, :type, :topic, :partition, :offset)
            on conflict (consumer, event_id) do nothing
            """;

    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final InboxConfig config;

    public Inbox(MeterRegistry metrics, ObjectMapper json, InboxConfig config) {
        this.metrics = metrics;
        this.json = json;
        this.config = config;
    }

    /**
     * The whole of a consumer: reads the record as a CloudEvent and applies it once. Any failure comes
     * back as an {@link EventNotAppliedException} naming the consumer, which nacks the record to the DLQ.
     * An effect that failed for another reason than the event's content is tried again first.
     */
    public Uni<Void> consume(String consumer, ConsumerRecord<String, String> record, Function<IncomingEvent, Uni<?>> effect) {
        return consume(consumer, record, event -> true, effect);
    }

    /**
     * As {@link #consume(String, ConsumerRecord, Function)}, for a consumer that applies only some of a topic's events:
     * one that {@code relevant} turns down is acknowledged without a transaction (nothing to apply, so nothing to
     * remember: a redelivery is turned down again), counted as {@code crm.inbox.ignored}. A relevance test that
     * fails (a {@link MalformedEventException} for what cannot be read) sends the record to the DLQ with the reason.
     */
    public Uni<Void> consume(String consumer, ConsumerRecord<String, String> record, Predicate<IncomingEvent> relevant,
            Function<IncomingEvent, Uni<?>> effect) {
        return Uni.createFrom().item(() -> IncomingEvent.parse(record, json))
                .chain(event -> {
                    if (!relevant.test(event)) {
                        metrics.counter("crm.inbox.ignored", "consumer", consumer, "type", event.type()).increment();
                        return Uni.createFrom().voidItem();
                    }
                    return applyOnce(consumer, event, effect)
                            .onFailure(e -> !(e instanceof MalformedEventException)).invoke(e -> LOG.warnf(
                                    "%s: applying event %s failed, will retry: %s", consumer, event.id(), e.getMessage()))
                            .onFailure(e -> !(e instanceof MalformedEventException)).retry()
                            .withBackOff(config.retryBackoff(), config.maxRetryBackoff()).atMost(config.retries());
                })
                .onFailure().transform(e -> new EventNotAppliedException(consumer, e))
                .replaceWithVoid();
    }

    /**
     * Runs {@code effect} in a new transaction together with the inbox entry, unless this consumer
     * applied the event before. Emits true when the effect ran, false for a duplicate.
     */
    public Uni<Boolean> applyOnce(String consumer, IncomingEvent event, Function<IncomingEvent, Uni<?>> effect) {
        return Panache.withTransaction(() -> claim(consumer, event)
                .chain(fresh -> {
                    if (!fresh) {
                        metrics.counter("crm.inbox.duplicates", "consumer", consumer).increment();
                        LOG.debugf("%s: event %s already applied, skipped", consumer, event.id());
                        return Uni.createFrom().item(false);
                    }
                    return effect.apply(event).replaceWith(true);
                }))
                .invoke(applied -> {
                    if (applied) {
                        metrics.counter("crm.inbox.applied", "consumer", consumer, "type", event.type()).increment();
                    }
                });
    }

    private Uni<Boolean> claim(String consumer, IncomingEvent event) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", event.id())
                        .setParameter("type", event.type())
                        .setParameter("topic", event.topic())
                        .setParameter("partition", event.partition())
                        .setParameter("offset", event.offset())
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
