package org.bankcrm.loyalty.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bankcrm.loyalty.app.LoyaltyConfig;
import org.bankcrm.platform.inbox.DeadLetter;
import org.bankcrm.platform.inbox.DeadLetters;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves parked events whose client did not arrive within {@code crm.loyalty.parking.max-wait} to the
 * dead-letter topic of the topic they came from, rebuilt as they came (same CloudEvents headers and data) plus
 * the dead-letter headers. Rows are locked, sent with the platform's dead-letter producer ({@link DeadLetters}: the
 * Kafka security settings of the service, a reference for a record too large) and deleted once the broker has them,
 * in one transaction: a failure leaves them parked for the next round.
 *
 * <p>Why not the outbox: it writes its own CloudEvents headers (a new ce_id, this service as source) and no
 * dead-letter headers.
 */
@ApplicationScoped
public class ParkedEventSweep {
    private static final Logger LOG = Logger.getLogger(ParkedEventSweep.class);
    static final String EXPIRED = """
            select id, client_id, event_id, event_type, source, event_time, extensions, data, topic, kafka_partition,
                   kafka_offset, parked_at
            from parked_event where expires_at <= now() order by expires_at limit $1 for update skip locked
            """;
    static final String DELETE = "delete from parked_event where id = any($1)";

    private final Pool pool;
    private final Vertx vertx;
    private final LoyaltyConfig config;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final AtomicBoolean running = new AtomicBoolean();

    private long timer = -1;
    private volatile boolean stopped;

    public ParkedEventSweep(Pool pool, Vertx vertx, LoyaltyConfig config, DeadLetters deadLetters, ObjectMapper json) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.parking().sweepInterval().toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private record Expired(long id, String clientId, String eventId, String type, String source, OffsetDateTime time,
            Map<String, String> extensions, String data, String topic, int partition, long offset, OffsetDateTime parkedAt) {
    }

    /** One round; rounds do not overlap. */
    void sweep() {
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        pool.withTransaction(this::deadLetterExpired)
                .subscribe().with(sent -> {
                    running.set(false);
                    if (sent > 0) {
                        LOG.infof("moved %d parked events whose client did not arrive to the dead-letter topics", sent);
                    }
                }, error -> {
                    running.set(false);
                    LOG.warnf("parked event sweep failed, they stay parked for the next round: %s", error.getMessage());
                });
    }

    private Uni<Integer> deadLetterExpired(SqlConnection conn) {
        return conn.preparedQuery(EXPIRED).execute(Tuple.of(config.parking().batchSize()))
                .chain(rows -> {
                    List<Expired> expired = new ArrayList<>();
                    for (Row row : rows) {
                        expired.add(toExpired(row));
                    }
                    if (expired.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    Long[] ids = expired.stream().map(Expired::id).toArray(Long[]::new);
                    return deadLetters.sendAll(expired.stream().map(this::toDeadLetter).toList())
                            .chain(() -> conn.preparedQuery(DELETE).execute(Tuple.tuple().addArrayOfLong(ids)))
                            .replaceWith(expired.size());
                });
    }

    private DeadLetter toDeadLetter(Expired e) {
        String consumer = e.topic().startsWith("crm.interaction.") ? InteractionEventsConsumer.CONSUMER
                : ClientEventsConsumer.CONSUMER;
        String reason = consumer + ": client " + e.clientId() + " is not known: no crm.client.registered within "
                + config.parking().maxWait() + " (parked at " + e.parkedAt().toInstant() + ")";
        List<Header> headers = new ArrayList<>();
        headers.add(header("ce_specversion", "1.0"));
        headers.add(header("ce_id", e.eventId()));
        headers.add(header("ce_type", e.type()));
        headers.add(header("ce_source", e.source()));
        headers.add(header("ce_subject", e.clientId()));
        headers.add(header("ce_time", e.time().toInstant().toString()));
        headers.add(header("content-type", "application/json"));
        e.extensions().forEach((name, value) -> headers.add(header("ce_" + name, value)));
        return new DeadLetter(e.topic(), e.partition(), e.offset(), e.clientId(), e.data().getBytes(StandardCharsets.UTF_8),
                headers, reason, "client not known");
    }

    private Expired toExpired(Row row) {
        Map<String, String> extensions;
        try {
            extensions = json.readValue(row.getString("extensions"), new TypeReference<Map<String, String>>() {
            });
        } catch (Exception ex) {
            extensions = Map.of();
        }
        return new Expired(row.getLong("id"), row.getUUID("client_id").toString(), row.getString("event_id"),
                row.getString("event_type"), row.getString("source"), row.getOffsetDateTime("event_time"), extensions,
                row.getString("data"), row.getString("topic"), row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"), row.getOffsetDateTime("parked_at"));
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
