package org.bankcrm.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.tracing.TraceContext;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Applies an incoming event at most once per consumer: the event's ce_id goes into {@code inbox_event}
 * in the same transaction as the effect. A redelivery finds the id already there and changes nothing;
 * a failed effect rolls the id back with it, so the retry (or the DLQ) sees the event as new.
 *
 * <p>The Inbox dead-letters by itself ({@link DeadLetters}) and acknowledges, instead of failing the record to the
 * connector's dead-letter-queue strategy: that strategy stops the channel when its send fails (a record too large for
 * the DLQ, a broker down), while here such a send becomes a reference or a retry. The connector's strategy stays
 * configured as a backstop, so a failure outside the Inbox (a consumer failing before it calls the Inbox) still
 * reaches the DLQ rather than being lost.
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
    private final DeadLetters deadLetters;
    private final PausedConsumers paused;
    private final AppliedSequences sequences;
    private final Tracer tracer;
    private volatile boolean stopping;

    public Inbox(MeterRegistry metrics, ObjectMapper json, InboxConfig config, DeadLetters deadLetters, PausedConsumers paused,
            AppliedSequences sequences, Tracer tracer) {
        this.metrics = metrics;
        this.json = json;
        this.config = config;
        this.deadLetters = deadLetters;
        this.paused = paused;
        this.sequences = sequences;
        this.tracer = tracer;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * The whole of a consumer: reads the record as a CloudEvent and applies it once. The returned Uni does not fail:
     * a record that cannot be read or applied is dead-lettered by the platform ({@link DeadLetters}) with its reason,
     * then acknowledged; a transient failure holds the record (and so its partition) and tries again with backoff for
     * as long as it lasts; any other failure is tried {@code crm.inbox.retries} times before the DLQ.
     */
    public Uni<Void> consume(String consumer, ConsumerRecord<String, String> record, Function<IncomingEvent, Uni<?>> effect) {
        return consume(consumer, record, event -> true, effect);
    }

    /**
     * As {@link #consume(String, ConsumerRecord, Function)}, for a topic whose events carry state: an event {@code ordering}
     * says carries state runs {@code effect} only if it is newer than the last one this consumer applied from its producer
     * for its client; a stale one is remembered in the inbox (a redelivery stays a duplicate) and changes nothing.
     */
    public Uni<Void> consume(String consumer, ConsumerRecord<String, String> record, Ordering ordering,
            Function<IncomingEvent, Uni<?>> effect) {
        return consume(consumer, record, event -> true, event -> !ordering.carriesState(event.type()) ? effect.apply(event)
                : sequences.recordIfNewer(consumer, event)
                        .chain(newer -> newer ? effect.apply(event) : Uni.createFrom().voidItem()));
    }

    /**
     * As {@link #consume(String, ConsumerRecord, Function)}, for a consumer that applies only some of a topic's events:
     * one that {@code relevant} turns down is acknowledged without a transaction (nothing to apply, so nothing to
     * remember: a redelivery is turned down again), counted as {@code crm.inbox.ignored}. A relevance test that
     * fails (a {@link MalformedEventException} for what cannot be read) sends the record to the DLQ with the reason.
     */
    public Uni<Void> consume(String consumer, ConsumerRecord<String, String> record, Predicate<IncomingEvent> relevant,
            Function<IncomingEvent, Uni<?>> effect) {
        return Uni.createFrom().deferred(() -> traced(consumer, record, () -> consumeOnce(consumer, record, relevant, effect)));
    }

    /**
     * Runs the record's way through the Inbox in a consumer span, the child of the span its {@code traceparent} header
     * names (the producer's: the outbox keeps it with the event), current on the record's Vert.x context until the way
     * ends: what the effect appends to the outbox carries this trace on, and log lines carry its ids.
     */
    private Uni<Void> traced(String consumer, ConsumerRecord<String, String> record, Supplier<Uni<Void>> way) {
        io.opentelemetry.context.Context parent = TraceContext.extract(record.headers());
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("crm.consumer", consumer)
                .startSpan();
        Context vertx = Vertx.currentContext();
        // only a duplicated (per-record) context holds it for the asynchronous steps; elsewhere the span stays unattached
        Scope scope = vertx != null && VertxContext.isDuplicatedContext(vertx) ? parent.with(span).makeCurrent() : Scope.noop();
        Uni<Void> result;
        try {
            result = way.get();
        } catch (RuntimeException e) {
            scope.close();
            span.recordException(e);
            span.end();
            throw e;
        }
        return result.onTermination().invoke((item, failure, cancelled) -> {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR);
                span.recordException(failure);
            }
            scope.close();
            span.end();
        });
    }

    private Uni<Void> consumeOnce(String consumer, ConsumerRecord<String, String> record, Predicate<IncomingEvent> relevant,
            Function<IncomingEvent, Uni<?>> effect) {
        Context context = Vertx.currentContext();
        Attempt attempt = new Attempt(consumer, record, context);
        IncomingEvent event;
        try {
            event = IncomingEvent.parse(record, json);
            if (!relevant.test(event)) {
                metrics.counter("crm.inbox.ignored", "consumer", consumer, "type", event.type()).increment();
                return Uni.createFrom().voidItem();
            }
        } catch (RuntimeException e) {
            return deadLetter(attempt, e);
        }
        return apply(attempt, event, effect);
    }

    /** One record's way through: its tries so far, and the Vert.x context its session and acknowledgement belong to. */
    private static final class Attempt {
        final String consumer;
        final String pauseKey;
        final ConsumerRecord<String, String> record;
        final Context context;
        int tries;
        int otherFailures;

        Attempt(String consumer, ConsumerRecord<String, String> record, Context context) {
            this.consumer = consumer;
            this.pauseKey = consumer + " (" + record.topic() + "-" + record.partition() + ")";
            this.record = record;
            this.context = context;
        }
    }

    private Uni<Void> apply(Attempt attempt, IncomingEvent event, Function<IncomingEvent, Uni<?>> effect) {
        attempt.tries++;
        return applyOnce(attempt.consumer, event, effect).replaceWithVoid()
                .invoke(() -> resume(attempt))
                .onFailure().recoverWithUni(e -> {
                    if (TransientFailures.isMalformed(e)) {
                        return deadLetter(attempt, e);
                    }
                    Duration pause;
                    if (TransientFailures.isTransient(e)) {
                        paused.pause(attempt.pauseKey, e.getMessage());
                        metrics.counter("crm.inbox.transient-retries", "consumer", attempt.consumer).increment();
                        pause = backoff(attempt.tries, config.maxTransientBackoff());
                        LOG.warnf("%s: event %s held up by a transient failure (try %d), trying again in %d ms: %s",
                                attempt.consumer, event.id(), attempt.tries, pause.toMillis(), e.getMessage());
                    } else if (++attempt.otherFailures <= config.retries()) {
                        pause = backoff(attempt.otherFailures, config.maxRetryBackoff());
                        LOG.warnf("%s: applying event %s failed, will retry: %s", attempt.consumer, event.id(), e.getMessage());
                    } else {
                        return deadLetter(attempt, e);
                    }
                    return later(attempt.context, pause).chain(() -> apply(attempt, event, effect));
                });
    }

    /**
     * Sends the record to its DLQ with the reason and acknowledges it. A dead letter the broker does not take (it is
     * down) is tried again, with the consumer shown as paused: the record is not acknowledged before the DLQ has it.
     */
    private Uni<Void> deadLetter(Attempt attempt, Throwable failure) {
        EventNotAppliedException reason = new EventNotAppliedException(attempt.consumer, failure);
        ConsumerRecord<String, String> record = attempt.record;
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8),
                List.of(record.headers().toArray()), reason.getMessage(), failure.getMessage());
        String kind = TransientFailures.isMalformed(failure) ? "malformed" : "not-applied";
        LOG.warnf("%s: record %s-%d@%d goes to %s: %s", attempt.consumer, record.topic(), record.partition(),
                record.offset(), letter.deadLetterTopic(), failure.getMessage());
        Uni<Void> sent = deadLetters.send(letter)
                .onFailure().invoke(e -> {
                    paused.pause(attempt.pauseKey, "dead-letter topic " + letter.deadLetterTopic() + " unreachable: " + e.getMessage());
                    metrics.counter("crm.inbox.transient-retries", "consumer", attempt.consumer).increment();
                    LOG.warnf("%s: dead letter of %s-%d@%d not sent, trying again: %s", attempt.consumer, record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                })
                .onFailure(e -> !stopping).retry().withBackOff(config.retryBackoff(), config.maxTransientBackoff()).indefinitely()
                // stopping: not acknowledged, so read again after the restart
                .onFailure().recoverWithUni(e -> Uni.createFrom().nothing())
                .invoke(() -> {
                    resume(attempt);
                    metrics.counter("crm.inbox.dead-lettered", "consumer", attempt.consumer, "kind", kind).increment();
                });
        return onContext(sent, attempt.context);
    }

    /**
     * How old an event is when this consumer has applied it (from the producer's {@code ce_time}): the outbox, the broker
     * and the consumer's queue together. For offer-service's consumer of {@code crm.interaction.recorded} it is the way
     * from a recorded touchpoint to its fast decision; the dashboards read its buckets (HistogramBuckets).
     */
    private void recordAge(String consumer, IncomingEvent event) {
        if (event.time() == null) {
            return;
        }
        Duration age = Duration.between(event.time(), Instant.now());
        if (!age.isNegative()) {
            Timer.builder("crm.inbox.event.age")
                    .description("From the event's time at its producer to its effect committed by this consumer")
                    .tags("consumer", consumer, "type", event.type())
                    .register(metrics)
                    .record(age);
        }
    }

    private void resume(Attempt attempt) {
        paused.resume(attempt.pauseKey);
    }

    private Duration backoff(int tries, Duration max) {
        return Duration.ofMillis(Math.min(max.toMillis(), config.retryBackoff().toMillis() << Math.min(tries - 1, 20)));
    }

    /** Completes after the pause, back on the consumer's context (Hibernate Reactive's session lives there); never while stopping. */
    private Uni<Void> later(Context context, Duration pause) {
        if (stopping) {
            // not acknowledged, so read again after the restart; a dead letter now would lose a good event
            return Uni.createFrom().nothing();
        }
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause);
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(Math.max(1, pause.toMillis()),
                id -> context.runOnContext(v -> emitter.complete(null))));
    }

    private static Uni<Void> onContext(Uni<Void> uni, Context context) {
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(v -> task.run()));
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
                        recordAge(consumer, event);
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
