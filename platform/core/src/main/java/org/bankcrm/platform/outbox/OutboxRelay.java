package org.bankcrm.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox to Kafka. Woken by PostgreSQL NOTIFY the moment a transaction that wrote events
 * commits (no polling delay on the hot path), with a slow sweep for recovery. One round, in one transaction:
 * take the transaction-scoped advisory locks of the shards ({@code crm.outbox.relay-shards}) of the first pending
 * rows that no other relay holds, read the pending rows of those shards in id order, send them, mark what the
 * broker acknowledged. So
 * replicas share the publishing shard by shard instead of waiting for one lock, and a client's events (one key,
 * one shard, one relay at a time) keep their order. A failed round backs off exponentially and leaves the rest
 * pending; nothing is lost.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CHANNEL = "outbox_event";
    /** The shard of an outbox row: its key's hash modulo the shard count ($2), shifted to be non-negative. */
    private static final String SHARD = "mod(hashtext(coalesce(event_key, ''))::bigint + 2147483648, $2)::int";
    /**
     * First statement of a round: takes the transaction-scoped advisory locks (released at commit) of the shards
     * of the first $1 pending rows that no other relay holds, the shard of the oldest row first, and returns the
     * shards taken, each with the number of pending rows looked at. When those fill a round (a backlog), a round
     * takes at most half the shards, so that a second replica finds shards to publish instead of waiting for the
     * first one's back-to-back rounds; otherwise one round takes them all (one relay, low rate: one round).
     * <p>
     * The locks are taken in a statement of their own, before the rows are read, for two reasons. A lock taken
     * row by row during the scan could be refused for one row (another relay holds the shard) and granted for a
     * later row of the same shard (that relay committed meanwhile): the round would send a client's later events
     * and leave an earlier one behind (OutboxRelayTwoReplicasTest caught that: 18, 20, 21, 22, 19). And the
     * next statement's snapshot is taken after the locks are held, so every row another relay published under a
     * shard's lock (marked and committed before it released the lock) is seen as published: no row is sent twice.
     * The lock is tried on a scan of a materialized CTE, in its order, under the limit: so it is tried lazily,
     * shard by shard, and stops when enough are taken (put on a sorted subquery instead, PostgreSQL 14 pushed the
     * filter below the sort and took every shard's lock, returning only some: EXPLAIN ANALYZE showed it).
     */
    private static final String TAKE_SHARDS = """
            with first_pending as materialized (
                select %s as shard, id from outbox_event where published_at is null order by id limit $1),
            shards as materialized (
                select shard, min(id) as oldest, count(*) over () as kinds, sum(count(*)) over () as scanned
                from first_pending group by shard),
            oldest_first as materialized (select shard, scanned from shards order by oldest)
            select shard, scanned::int from oldest_first
            where pg_try_advisory_xact_lock(hashtext('outbox_event_relay'), shard)
            limit (select case when max(scanned) >= $1 then greatest(1, max(kinds) / 2) else $2 end from shards)
            """.formatted(SHARD);
    /**
     * Second statement: the pending rows of the shards this round holds ($3), in id order. Only the holder of a
     * shard's lock touches its rows, so no {@code skip locked} and no row lock is needed; every pending row of a
     * held shard is read, so a client's events leave in order.
     */
    private static final String PENDING = """
            select id, event_id::text, topic, event_key, event_type, source, subject, occurred_at, payload::text, extensions::text
            from outbox_event
            where published_at is null and %s = any($3)
            order by id limit $1
            """.formatted(SHARD);
    private static final String MARK_PUBLISHED =
            "update outbox_event set published_at = clock_timestamp(), attempts = attempts + 1, last_error = null where id = any($1)";
    private static final String MARK_FAILED =
            "update outbox_event set attempts = attempts + 1, last_error = $2 where id = $1";
    private static final String COUNT_PENDING = """
            select count(*), coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0)
            from outbox_event where published_at is null
            """;
    private static final String PURGE = "delete from outbox_event where published_at < $1";
    private static final String KNOWN_TOPICS = "select distinct topic from outbox_event";

    private final Pool pool;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final Config mpConfig;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    /** Age in milliseconds of the oldest event not published yet, as of the last sweep (0: none pending). */
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private volatile long pausedUntil;
    private volatile int consecutiveFailures;
    private volatile boolean stopped;

    private ExecutorService sender;
    private KafkaEventPublisher publisher;
    private PgSubscriber subscriber;
    private long sweepTimer = -1;
    private Counter published;
    private Counter failures;
    private Timer delay;

    public OutboxRelay(Pool pool, Vertx vertx, OutboxConfig config, Config mpConfig, ObjectMapper json, MeterRegistry metrics) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.mpConfig = mpConfig;
        this.json = json;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled (crm.outbox.relay-enabled=false)");
            return;
        }
        String service = mpConfig.getValue("quarkus.application.name", String.class);
        String bootstrap = mpConfig.getValue("kafka.bootstrap.servers", String.class);
        publisher = new KafkaEventPublisher(bootstrap, config, service + "-outbox",
                KafkaEventPublisher.securitySettings(name -> mpConfig.getOptionalValue(name, String.class)));
        sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
        published = metrics.counter("crm.outbox.published");
        failures = metrics.counter("crm.outbox.failures");
        delay = Timer.builder("crm.outbox.delay")
                .description("From the event's commit-time stamp to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(metrics);
        metrics.gauge("crm.outbox.pending", pending);
        Gauge.builder("crm.outbox.oldest.pending.age", oldestPendingMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest event the relay has not published yet, as of its last sweep")
                .baseUnit("seconds")
                .register(metrics);
        listen();
        warmUp();
        sweepTimer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (sender != null) {
            sender.shutdown();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    /** Asks for a relay round; coalesces with one already running. */
    public void wake() {
        if (stopped || publisher == null) {
            return;
        }
        wokenWhileRunning.set(true);
        if (System.currentTimeMillis() < pausedUntil || !running.compareAndSet(false, true)) {
            return;
        }
        wokenWhileRunning.set(false);
        relayRound().subscribe().with(this::roundDone, this::roundFailed);
    }

    private void roundDone(RoundResult result) {
        running.set(false);
        if (result.failed() > 0) {
            backOff(result.firstError());
            return;
        }
        consecutiveFailures = 0;
        if (result.published() >= config.batchSize() || result.more() || wokenWhileRunning.get()) {
            wake();
        }
    }

    private void roundFailed(Throwable error) {
        running.set(false);
        backOff(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    private void backOff(String reason) {
        failures.increment();
        int attempt = ++consecutiveFailures;
        long pause = Math.min(config.maxBackoff().toMillis(),
                config.initialBackoff().toMillis() << Math.min(attempt - 1, 16));
        pausedUntil = System.currentTimeMillis() + pause;
        LOG.warnf("outbox relay round failed (attempt %d), retrying in %d ms: %s", attempt, pause, reason);
        if (!stopped) {
            vertx.setTimer(pause, id -> wake());
        }
    }

    /** What a round did; {@code more}: it took shards of a backlog, so rows may be left for the next round. */
    private record RoundResult(int published, int failed, String firstError, boolean more) {
        RoundResult withMore(boolean backlog) {
            return new RoundResult(published, failed, firstError, backlog);
        }
    }

    private Uni<RoundResult> relayRound() {
        return pool.withTransaction(this::publishPending);
    }

    private Uni<RoundResult> publishPending(SqlConnection conn) {
        int shards = Math.max(1, config.relayShards());
        return conn.preparedQuery(TAKE_SHARDS).execute(Tuple.of(config.batchSize(), shards))
                .chain(taken -> {
                    List<Integer> held = new ArrayList<>();
                    boolean backlog = false;
                    for (Row row : taken) {
                        held.add(row.getInteger(0));
                        backlog = row.getInteger(1) >= config.batchSize();
                    }
                    if (held.isEmpty()) {
                        return Uni.createFrom().item(new RoundResult(0, 0, null, false));
                    }
                    boolean more = backlog;
                    return conn.preparedQuery(PENDING).execute(Tuple.of(config.batchSize(), shards,
                            held.toArray(new Integer[0]))).chain(rows -> send(conn, rows))
                            .map(result -> result.withMore(more));
                });
    }

    private Uni<RoundResult> send(SqlConnection conn, RowSet<Row> rows) {
        List<PendingEvent> events = new ArrayList<>();
        for (Row row : rows) {
            events.add(toPending(row));
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(new RoundResult(0, 0, null, false));
        }
        return Uni.createFrom().item(() -> publisher.publish(events))
                .runSubscriptionOn(sender)
                .chain(result -> record(conn, events, result));
    }

    private Uni<RoundResult> record(SqlConnection conn, List<PendingEvent> events, KafkaEventPublisher.Result result) {
        Instant now = Instant.now();
        for (PendingEvent event : events) {
            if (result.published().contains(event.id())) {
                delay.record(Duration.between(event.occurredAt(), now));
            }
        }
        published.increment(result.published().size());
        Uni<Void> marked = result.published().isEmpty()
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery(MARK_PUBLISHED).execute(Tuple.tuple().addArrayOfLong(result.published().toArray(new Long[0]))).replaceWithVoid();
        List<Tuple> failedRows = result.failed().entrySet().stream()
                .map(e -> Tuple.of(e.getKey(), e.getValue()))
                .toList();
        if (!failedRows.isEmpty()) {
            marked = marked.chain(() -> conn.preparedQuery(MARK_FAILED).executeBatch(failedRows).replaceWithVoid());
        }
        String firstError = result.failed().values().stream().findFirst().orElse(null);
        return marked.replaceWith(new RoundResult(result.published().size(), result.failed().size(), firstError, false));
    }

    private PendingEvent toPending(Row row) {
        Map<String, String> extensions;
        try {
            extensions = json.readValue(row.getString(9), new TypeReference<Map<String, String>>() {
            });
        } catch (Exception e) {
            extensions = Map.of();
        }
        OffsetDateTime occurredAt = row.getOffsetDateTime(7);
        return new PendingEvent(row.getLong(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), occurredAt.toInstant(), row.getString(8), extensions);
    }

    /**
     * Connects the producer and fetches the metadata of the topics this service publishes to (from
     * configuration and from the outbox's history), so the first event after a start does not pay for it.
     */
    private void warmUp() {
        pool.query(KNOWN_TOPICS).execute()
                .map(rows -> {
                    java.util.Set<String> topics = new java.util.TreeSet<>(config.topics().orElse(List.of()));
                    rows.forEach(row -> topics.add(row.getString(0)));
                    return topics;
                })
                .onFailure().recoverWithItem(() -> new java.util.TreeSet<>(config.topics().orElse(List.of())))
                .subscribe().with(topics -> sender.execute(() -> publisher.warmUp(topics)));
    }

    /** Recovery: picks up anything a lost notification left behind, refreshes the gauge, purges old rows. */
    private void sweep() {
        wake();
        pool.query(COUNT_PENDING).execute()
                .invoke(rows -> {
                    Row counted = rows.iterator().next();
                    pending.set(counted.getLong(0));
                    oldestPendingMillis.set(Math.round(counted.getDouble(1) * 1000));
                })
                .chain(() -> pool.preparedQuery(PURGE).execute(
                        Tuple.of(OffsetDateTime.now().minus(config.retention()))))
                .subscribe().with(ignored -> {
                }, error -> LOG.debugf("outbox sweep failed: %s", error.getMessage()));
    }

    private void listen() {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions());
        subscriber.reconnectPolicy(retries -> 1_000L);
        subscriber.channel(CHANNEL).handler(payload -> wake());
        subscriber.connect().onFailure(e -> LOG.warnf(
                "outbox relay cannot LISTEN yet (%s); relying on the sweep until it can", e.getMessage()));
    }

    private PgConnectOptions connectOptions() {
        String url = mpConfig.getValue("quarkus.datasource.reactive.url", String.class);
        if (url.startsWith("vertx-reactive:")) {
            url = url.substring("vertx-reactive:".length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        mpConfig.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        mpConfig.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        return options;
    }
}
