package org.bankcrm.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.store.ClientLocks;
import org.bankcrm.platform.store.PlatformStatements;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
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
            values ($1, $2, $3, $4, $5, $6)
            on conflict (consumer, event_id) do nothing
            """;

    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final InboxConfig config;
    private final DeadLetters deadLetters;
    private final PausedConsumers paused;
    private final AppliedSequences sequences;
    private final Tracer tracer;
    private final io.vertx.mutiny.core.Vertx vertx;
    private final ClientLocks locks;
    private final Outbox outbox;
    /** Each batch consumer's polls waiting for its next batch, by consumer and copy of its channel. */
    private final Map<String, MergedBatches> batches = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public Inbox(MeterRegistry metrics, ObjectMapper json, InboxConfig config, DeadLetters deadLetters, PausedConsumers paused,
            AppliedSequences sequences, Tracer tracer, io.vertx.mutiny.core.Vertx vertx, ClientLocks locks, Outbox outbox) {
        this.metrics = metrics;
        this.json = json;
        this.config = config;
        this.deadLetters = deadLetters;
        this.paused = paused;
        this.sequences = sequences;
        this.tracer = tracer;
        this.vertx = vertx;
        this.locks = locks;
        this.outbox = outbox;
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
        return consume(consumer, record, event -> true, ordered(consumer, ordering, effect));
    }

    /** {@code effect} run only for an event that is a fact or newer than the state applied (see {@link Ordering}). */
    private Function<IncomingEvent, Uni<?>> ordered(String consumer, Ordering ordering, Function<IncomingEvent, Uni<?>> effect) {
        return event -> !ordering.carriesState(event.type()) ? effect.apply(event)
                : sequences.recordIfNewer(consumer, event)
                        .chain(newer -> newer ? effect.apply(event) : Uni.createFrom().voidItem());
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
     * A batch consumer: a poll's records ({@code mp.messaging.incoming.<channel>.batch=true}) and every poll that came
     * while the consumer was applying the last batch ({@link MergedBatches}, up to {@code crm.inbox.max-batch-records}),
     * applied in one transaction: one multi-row inbox claim, the ordering check of each state-carrying event, then
     * {@code effect} once per client with that client's fresh events in the order they came (so a consumer can rescore
     * or decide once for several events: coalescing). Unreadable records go to the DLQ with their reason first, records
     * {@code relevant} turns down are acknowledged as by {@link #consume(String, ConsumerRecord, Predicate, Function)}.
     * If the batch's transaction fails for any reason, nothing of it is kept and its records are applied again one at a
     * time through {@link #consume(String, ConsumerRecord, Predicate, Function)} - each with the single-record
     * semantics: a transient failure holds and retries, a failure of one event's content dead-letters that event only.
     * The poll is acknowledged once the batch holding it is applied; the returned Uni completes when the connector may
     * deliver its next poll. The functions given with a consumer's first poll apply all its batches (a consumer passes
     * the same ones every time: its own methods).
     *
     * <p>{@code prefetch} is called once in the batch's transaction, after the claim and the ordering check and before any
     * effect, with every client whose events the effects will get: what the effects read of each client can then be read
     * for all of them in one statement (e.g. Hibernate's multi-load into the session, or a memo for the transaction)
     * instead of one per client. It runs only for a batch of at least {@code crm.inbox.prefetch-min-clients} clients
     * ({@link InboxConfig#prefetchMinClients()}), and the one-at-a-time path after a failed batch does not call it:
     * effects must work without it.
     */
    public Uni<Void> consumeBatch(String consumer, Message<ConsumerRecords<String, String>> poll, Ordering ordering,
            Predicate<IncomingEvent> relevant, Function<Set<UUID>, Uni<?>> prefetch,
            Function<List<IncomingEvent>, Uni<?>> effect) {
        return consumeBatch(consumer, poll, ordering, relevant, (clients, events) -> prefetch.apply(clients), effect);
    }

    /**
     * As {@link #consumeBatch(String, Message, Ordering, Predicate, Function, Function)}, with a {@code prefetch} that
     * gets the batch's events to apply too (in the order they came), for what the effects read by something the events
     * name other than their client (e.g. whether the touchpoints they carry were recorded before).
     */
    public Uni<Void> consumeBatch(String consumer, Message<ConsumerRecords<String, String>> poll, Ordering ordering,
            Predicate<IncomingEvent> relevant, BiFunction<Set<UUID>, List<IncomingEvent>, Uni<?>> prefetch,
            Function<List<IncomingEvent>, Uni<?>> effect) {
        // one stream of batches per copy of the channel (crm.consumers.concurrency), as the connector delivers them
        String channel = poll.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(IncomingKafkaRecordBatchMetadata::getChannel).orElse("");
        return batches.computeIfAbsent(consumer + " " + channel, stream -> {
            MergedBatches merged = new MergedBatches(stream, config.maxBatchRecords(), (records, polls) -> {
                metrics.summary("crm.inbox.batch.polls", "consumer", consumer).record(polls);
                return Uni.createFrom().deferred(() -> consumeBatchOnce(consumer, records, ordering, relevant, prefetch, effect))
                        .runSubscriptionOn(this::onNewContext);
            });
            metrics.gauge("crm.inbox.batch.waiting", Tags.of("consumer", consumer, "channel", channel), merged,
                    MergedBatches::waitingRecords);
            return merged;
        }).offer(poll);
    }

    /** {@link #consumeBatch(String, Message, Ordering, Predicate, Function, Function)} with nothing to prefetch. */
    public Uni<Void> consumeBatch(String consumer, Message<ConsumerRecords<String, String>> poll, Ordering ordering,
            Predicate<IncomingEvent> relevant, Function<List<IncomingEvent>, Uni<?>> effect) {
        return consumeBatch(consumer, poll, ordering, relevant, NOTHING_TO_PREFETCH, effect);
    }

    private static final Function<Set<UUID>, Uni<?>> NOTHING_TO_PREFETCH = clients -> Uni.createFrom().voidItem();

    /** {@link #consumeBatch(String, Message, Ordering, Predicate, Function)} of a topic of facts, all relevant. */
    public Uni<Void> consumeBatch(String consumer, Message<ConsumerRecords<String, String>> poll,
            Function<List<IncomingEvent>, Uni<?>> effect) {
        return consumeBatch(consumer, poll, Ordering.FACTS, event -> true, effect);
    }

    /** {@link #consumeBatch(String, Message, Ordering, Predicate, Function)} with every event relevant. */
    public Uni<Void> consumeBatch(String consumer, Message<ConsumerRecords<String, String>> poll, Ordering ordering,
            Function<List<IncomingEvent>, Uni<?>> effect) {
        return consumeBatch(consumer, poll, ordering, event -> true, effect);
    }

    /** {@link #consumeBatch(String, Message, Ordering, Predicate, Function)} of a topic of facts. */
    public Uni<Void> consumeBatch(String consumer, Message<ConsumerRecords<String, String>> poll,
            Predicate<IncomingEvent> relevant, Function<List<IncomingEvent>, Uni<?>> effect) {
        return consumeBatch(consumer, poll, Ordering.FACTS, relevant, effect);
    }

    /**
     * The effect of a batch consumer that has nothing to coalesce: {@code effect} on each of a client's events in turn,
     * in the order they came, all in the batch's transaction.
     */
    public static Function<List<IncomingEvent>, Uni<?>> eachInTurn(Function<IncomingEvent, Uni<?>> effect) {
        return events -> InTurn.each(events, effect);
    }

    /**
     * Runs a batch on a new Vert.x duplicated context of the current event loop (or of Vert.x's): Hibernate Reactive's
     * session and the spans made current live there, apart from the last batch's.
     */
    private void onNewContext(Runnable task) {
        Context current = Vertx.currentContext();
        Context root = current != null ? VertxContext.getRootContext(current) : vertx.getDelegate().getOrCreateContext();
        Context batch = VertxContext.createNewDuplicatedContext(root);
        // its own, shared with nothing else: Hibernate Reactive's Panache asks for a context flagged so
        VertxContextSafetyToggle.setContextSafe(batch, true);
        batch.runOnContext(v -> task.run());
    }

    /** A record of a batch, read. */
    private record Item(ConsumerRecord<String, String> record, IncomingEvent event, ConsumerSpan span) {
    }

    private Uni<Void> consumeBatchOnce(String consumer, List<ConsumerRecord<String, String>> records, Ordering ordering,
            Predicate<IncomingEvent> relevant, BiFunction<Set<UUID>, List<IncomingEvent>, Uni<?>> prefetch,
            Function<List<IncomingEvent>, Uni<?>> effect) {
        Context context = Vertx.currentContext();
        List<Item> items = new ArrayList<>(records.size());
        Uni<Void> deadLettered = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> record : records) {
            IncomingEvent event;
            try {
                event = IncomingEvent.parse(record, json);
                if (!relevant.test(event)) {
                    metrics.counter("crm.inbox.ignored", "consumer", consumer, "type", event.type()).increment();
                    continue;
                }
            } catch (RuntimeException e) {
                Attempt attempt = new Attempt(consumer, record, context);
                deadLettered = deadLettered.chain(() -> traced(consumer, record, () -> deadLetter(attempt, e)));
                continue;
            }
            items.add(new Item(record, event, ConsumerSpan.start(tracer, consumer, record)));
        }
        if (items.isEmpty()) {
            return deadLettered;
        }
        metrics.summary("crm.inbox.batch.size", "consumer", consumer).record(items.size());
        Timer.Sample started = Timer.start(metrics);
        return deadLettered.chain(() -> applyBatch(consumer, items, ordering, prefetch, effect)
                .onFailure().recoverWithUni(e -> {
                    metrics.counter("crm.inbox.batch.fallbacks", "consumer", consumer).increment();
                    LOG.infof("%s: a batch of %d events failed (%s), applying them one at a time", consumer, items.size(),
                            e.getMessage());
                    Function<IncomingEvent, Uni<?>> single = ordered(consumer, ordering, event -> effect.apply(List.of(event)));
                    Uni<Void> oneByOne = Uni.createFrom().voidItem();
                    for (Item item : items) {
                        Attempt attempt = new Attempt(consumer, item.record(), context);
                        oneByOne = oneByOne.chain(() -> traced(consumer, item.record(), () -> apply(attempt, item.event(), single)));
                    }
                    return oneByOne;
                }))
                .onTermination().invoke(() -> started.stop(Timer.builder("crm.inbox.batch.duration")
                        .description("From a batch's records read to their effects committed (or applied one at a time)")
                        .tags("consumer", consumer)
                        .register(metrics)));
    }

    private Uni<Void> applyBatch(String consumer, List<Item> items, Ordering ordering,
            BiFunction<Set<UUID>, List<IncomingEvent>, Uni<?>> prefetch, Function<List<IncomingEvent>, Uni<?>> effect) {
        List<Item> applied = new ArrayList<>(items.size());
        Set<String> seen = new HashSet<>();
        List<Item> distinct = new ArrayList<>(items.size());
        for (Item item : items) {
            if (seen.add(item.event().id())) {
                distinct.add(item);
            } else {
                metrics.counter("crm.inbox.duplicates", "consumer", consumer).increment();
                LOG.debugf("%s: event %s twice in one batch, applied once", consumer, item.event().id());
            }
        }
        return Panache.withTransaction(() -> locks.lockAll(clientsOf(distinct))
                .chain(() -> claimAll(consumer, distinct))
                .chain(() -> {
                    // the ordering check of all state-carrying events at once; facts are applied whatever their order
                    List<IncomingEvent> state = distinct.stream().map(Item::event)
                            .filter(event -> ordering.carriesState(event.type())).toList();
                    Uni<Void> checked = sequences.recordIfNewer(consumer, state).invoke(newer -> {
                        int next = 0;
                        for (Item item : distinct) {
                            if (!ordering.carriesState(item.event().type()) || newer.get(next++)) {
                                applied.add(item);
                            }
                        }
                    }).replaceWithVoid();
                    // the events the batch's effects emit are written in one outbox statement, in order, at the end,
                    // after what the effects left to the batch's end (BatchEnd)
                    return checked
                            .chain(() -> prefetch(applied, prefetch))
                            .chain(() -> outbox.collecting(() -> BatchEnd.around(() -> applyByClient(applied, effect))));
                }))
                .invoke(() -> {
                    for (Item item : applied) {
                        metrics.counter("crm.inbox.applied", "consumer", consumer, "type", item.event().type()).increment();
                        recordAge(consumer, item.event());
                    }
                    for (Item item : items) {
                        paused.resume(consumer + " (" + item.record().topic() + "-" + item.record().partition() + ")");
                    }
                })
                .onTermination().invoke((item, failure, cancelled) -> items.forEach(i -> i.span().end(failure)));
    }

    /** The batch's prefetch, when it holds clients enough for one read of all to beat one read each. */
    private Uni<?> prefetch(List<Item> applied, BiFunction<Set<UUID>, List<IncomingEvent>, Uni<?>> prefetch) {
        Set<UUID> clients = clientsOf(applied);
        return clients.size() < Math.max(1, config.prefetchMinClients()) ? Uni.createFrom().voidItem()
                : prefetch.apply(clients, applied.stream().map(Item::event).toList());
    }

    /**
     * The clients of a batch, whose locks its transaction takes first, all at once and in id order: two batches (of two
     * consumers of one service) that hold some of the same clients then never wait on each other in a circle, where
     * taking each client's lock when its events come up deadlocked them (PostgreSQL ends one after deadlock_timeout).
     */
    private static Set<UUID> clientsOf(List<Item> items) {
        Set<UUID> clients = new java.util.TreeSet<>();
        for (Item item : items) {
            try {
                clients.add(UUID.fromString(item.event().subject()));
            } catch (IllegalArgumentException notAClientId) {
                // a subject that is no clientId fails the consumer's own check, and the batch with it
            }
        }
        return clients;
    }

    /** The effect once per client, each with its events in order, under the span of the client's last event. */
    private Uni<Void> applyByClient(List<Item> applied, Function<List<IncomingEvent>, Uni<?>> effect) {
        Map<String, List<Item>> byClient = new LinkedHashMap<>();
        for (Item item : applied) {
            byClient.computeIfAbsent(item.event().subject(), k -> new ArrayList<>()).add(item);
        }
        return InTurn.each(byClient.values(), ofClient -> {
            List<IncomingEvent> events = ofClient.stream().map(Item::event).toList();
            ConsumerSpan last = ofClient.get(ofClient.size() - 1).span();
            return last.during(() -> effect.apply(events).replaceWithVoid());
        });
    }

    /** One statement claims the batch's events, given as one array per column. */
    static final String CLAIM_ALL = """
            insert into inbox_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
            select $1, e.id, e.type, e.topic, e.part, e.off
            from unnest($2::text[], $3::text[], $4::text[], $5::integer[], $6::bigint[]) as e(id, type, topic, part, off)
            on conflict (consumer, event_id) do nothing
            """;

    /**
     * Claims every event of the batch (their ids distinct); fails with {@link AppliedBefore} when one of them was applied
     * before (a redelivery after a rebalance or a crash): the batch then goes one record at a time, where each
     * duplicate is recognised and skipped.
     */
    private Uni<Void> claimAll(String consumer, List<Item> items) {
        int n = items.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        for (int i = 0; i < n; i++) {
            IncomingEvent event = items.get(i).event();
            ids[i] = event.id();
            types[i] = event.type();
            topics[i] = event.topic();
            partitions[i] = event.partition();
            offsets[i] = event.offset();
        }
        return PlatformStatements.update(CLAIM_ALL, consumer, ids, types, topics, partitions, offsets)
                .chain(claimed -> claimed == n ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new AppliedBefore(n - claimed)));
    }

    /** A batch holding events this consumer applied before. */
    private static final class AppliedBefore extends RuntimeException {
        AppliedBefore(int count) {
            super(count + " of its events were applied before", null, false, false);
        }
    }

    /**
     * Runs the record's way through the Inbox in a consumer span, the child of the span its {@code traceparent} header
     * names (the producer's: the outbox keeps it with the event), current on the record's Vert.x context until the way
     * ends: what the effect appends to the outbox carries this trace on, and log lines carry its ids.
     */
    private Uni<Void> traced(String consumer, ConsumerRecord<String, String> record, Supplier<Uni<Void>> way) {
        ConsumerSpan span = ConsumerSpan.start(tracer, consumer, record);
        return span.current(way);
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
        return PlatformStatements.update(CLAIM, consumer, event.id(), event.type(), event.topic(), event.partition(),
                        event.offset())
                .map(inserted -> inserted == 1);
    }
}
