package org.bankcrm.platform.parking;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bankcrm.platform.inbox.DeadLetter;
import org.bankcrm.platform.inbox.DeadLetters;
import org.bankcrm.platform.jobs.PeriodicRounds;
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
 * Moves parked records whose client did not arrive within {@code crm.parking.max-wait}, or that were given up, to the
 * dead-letter topic of the topic they came from, as they came (same CloudEvents headers and data) plus the dead-letter
 * headers, the reason starting with the consumer's name. Rows are locked, sent with the platform's dead-letter producer
 * ({@link DeadLetters}: the service's Kafka security settings, a reference for a record too large) and deleted once the
 * broker has them, in one transaction: a failure leaves them parked for the next round, so nothing is lost (a crash
 * between the acknowledgement and the commit can at worst dead-letter a record twice). Replicas share the rows
 * ({@code skip locked}).
 *
 * <p>Why not the outbox: it writes its own CloudEvents headers (a new ce_id, this service as source) and no
 * dead-letter headers; a dead letter keeps the sender's record as it was.
 */
@ApplicationScoped
public class ParkedRecordSweep {
    private static final Logger LOG = Logger.getLogger(ParkedRecordSweep.class);
    static final String EXPIRED = """
            select id, consumer, client_id, topic, kafka_partition, kafka_offset, headers, data, parked_at, expires_at,
                   dead_reason
            from parked_record where expires_at <= now() order by expires_at limit $1 for update skip locked
            """;
    static final String DELETE = "delete from parked_record where id = any($1)";

    private final Pool pool;
    private final Vertx vertx;
    private final ParkingConfig config;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final PeriodicRounds rounds = new PeriodicRounds("parked event sweep", this::round);

    public ParkedRecordSweep(Pool pool, Vertx vertx, ParkingConfig config, DeadLetters deadLetters, ObjectMapper json,
            MeterRegistry metrics) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.deadLetters = deadLetters;
        this.json = json;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        rounds.start(vertx, config.sweepInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        rounds.stop();
    }

    private record Expired(long id, String consumer, String clientId, String topic, int partition, long offset,
            Map<String, String> headers, String data, Instant parkedAt, Instant expiresAt, String deadReason) {
    }

    /** One round now, unless one is running ({@link PeriodicRounds}); a failed one leaves the records parked. */
    void sweep() {
        rounds.runOnce();
    }

    private Uni<List<Expired>> round() {
        return pool.withTransaction(this::deadLetterExpired)
                .invoke(sent -> {
                    if (!sent.isEmpty()) {
                        sent.forEach(e -> metrics.counter("crm.parked.dead-lettered", "consumer", e.consumer()).increment());
                        LOG.infof("moved %d parked events to the dead-letter topics", sent.size());
                    }
                });
    }

    private Uni<List<Expired>> deadLetterExpired(SqlConnection conn) {
        return conn.preparedQuery(EXPIRED).execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    List<Expired> expired = new ArrayList<>();
                    for (Row row : rows) {
                        expired.add(toExpired(row));
                    }
                    if (expired.isEmpty()) {
                        return Uni.createFrom().item(expired);
                    }
                    Long[] ids = expired.stream().map(Expired::id).toArray(Long[]::new);
                    return deadLetters.sendAll(expired.stream().map(ParkedRecordSweep::toDeadLetter).toList())
                            .chain(() -> conn.preparedQuery(DELETE).execute(Tuple.tuple().addArrayOfLong(ids)))
                            .replaceWith(expired);
                });
    }

    static DeadLetter toDeadLetter(Expired e) {
        String reason = e.consumer() + ": " + (e.deadReason() != null ? e.deadReason()
                : "client " + e.clientId() + " is not known: no crm.client.registered within "
                        + Duration.between(e.parkedAt(), e.expiresAt()) + " (parked at " + e.parkedAt() + ")");
        List<Header> headers = new ArrayList<>();
        e.headers().forEach((name, value) -> headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return new DeadLetter(e.topic(), e.partition(), e.offset(), e.clientId(), e.data().getBytes(StandardCharsets.UTF_8),
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
        return new Expired(row.getLong("id"), row.getString("consumer"), row.getString("client_id"), row.getString("topic"),
                row.getInteger("kafka_partition"), row.getLong("kafka_offset"), headers, row.getString("data"),
                row.getOffsetDateTime("parked_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant(),
                row.getString("dead_reason"));
    }
}
