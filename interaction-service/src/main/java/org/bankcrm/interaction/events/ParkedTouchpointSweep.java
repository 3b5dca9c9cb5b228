package org.bankcrm.interaction.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bankcrm.interaction.app.InteractionConfig;
import org.bankcrm.platform.inbox.DeadLetter;
import org.bankcrm.platform.inbox.DeadLetters;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves parked touchpoints that waited too long for their client (or can no longer be applied) to
 * {@code crm.touchpoint.ingest.v1.dlq}, as they came plus the dead-letter headers the connector writes.
 * The rows are locked, sent with the platform's dead-letter producer ({@link DeadLetters}: the service's Kafka
 * security settings, a reference for a record too large), and deleted only once the broker has
 * them, all in one transaction: a failure leaves them parked for the next round, so nothing is lost (a
 * crash between the acknowledgement and the commit can at worst dead-letter a record twice).
 *
 * <p>Why not the outbox: the platform's outbox writes its own CloudEvents headers (a new ce_id, this
 * service as ce_source) and no dead-letter headers; a dead letter must keep the sender's record as it was.
 */
@ApplicationScoped
public class ParkedTouchpointSweep {
    private static final Logger LOG = Logger.getLogger(ParkedTouchpointSweep.class);
    static final String EXPIRED = """
            select touchpoint_id, client_id, payload, headers, topic, kafka_partition, kafka_offset, parked_at, dead_reason
            from parked_touchpoint where expires_at <= now() order by expires_at limit $1 for update skip locked
            """;
    static final String DELETE = "delete from parked_touchpoint where touchpoint_id = any($1)";

    private final Pool pool;
    private final Vertx vertx;
    private final InteractionConfig config;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();

    private long timer = -1;
    private volatile boolean stopped;

    public ParkedTouchpointSweep(Pool pool, Vertx vertx, InteractionConfig config, DeadLetters deadLetters, ObjectMapper json,
            MeterRegistry metrics) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.deadLetters = deadLetters;
        this.json = json;
        this.metrics = metrics;
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

    private record Expired(UUID touchpointId, String clientId, String payload, Map<String, String> headers, String topic,
            int partition, long offset, OffsetDateTime parkedAt, String deadReason) {
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
                        metrics.counter("crm.interaction.parked.dead.lettered").increment(sent);
                        LOG.infof("moved %d parked touchpoints to %s", sent, TouchpointIngestConsumer.DEAD_LETTER_TOPIC);
                    }
                }, error -> {
                    running.set(false);
                    LOG.warnf("parked touchpoint sweep failed, they stay parked for the next round: %s", error.getMessage());
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
                    UUID[] ids = expired.stream().map(Expired::touchpointId).toArray(UUID[]::new);
                    return deadLetters.sendAll(expired.stream().map(this::toDeadLetter).toList())
                            .chain(() -> conn.preparedQuery(DELETE).execute(Tuple.tuple().addArrayOfUUID(ids)))
                            .replaceWith(expired.size());
                });
    }

    private DeadLetter toDeadLetter(Expired e) {
        String reason = TouchpointIngestConsumer.CONSUMER + ": " + (e.deadReason() != null ? e.deadReason()
                : "client " + e.clientId() + " is not known: no crm.client.registered within "
                        + config.parking().maxWait() + " (parked at " + e.parkedAt().toInstant() + ")");
        List<Header> headers = new ArrayList<>();
        e.headers().forEach((name, value) -> headers.add(header(name, value)));
        return new DeadLetter(e.topic(), e.partition(), e.offset(), e.clientId(), e.payload().getBytes(StandardCharsets.UTF_8),
                headers, reason, e.deadReason() != null ? "not applicable" : "client not known");
    }

    private Expired toExpired(Row row) {
        Map<String, String> headers;
        try {
            headers = json.readValue(row.getString("headers"), new TypeReference<Map<String, String>>() {
            });
        } catch (Exception ex) {
            headers = Map.of();
        }
        return new Expired(row.getUUID("touchpoint_id"), row.getUUID("client_id").toString(), row.getString("payload"),
                headers, row.getString("topic"), row.getInteger("kafka_partition"), row.getLong("kafka_offset"),
                row.getOffsetDateTime("parked_at"), row.getString("dead_reason"));
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
