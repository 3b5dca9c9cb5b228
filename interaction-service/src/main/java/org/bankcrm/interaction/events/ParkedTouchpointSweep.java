package org.bankcrm.interaction.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.interaction.app.InteractionConfig;
import org.eclipse.microprofile.config.Config;
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
 * The rows are locked, sent with an idempotent acks=all producer, and deleted only once the broker has
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
    private final Config mpConfig;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();

    private ExecutorService sender;
    private Producer<String, String> producer;
    private long timer = -1;
    private volatile boolean stopped;

    public ParkedTouchpointSweep(Pool pool, Vertx vertx, InteractionConfig config, Config mpConfig, ObjectMapper json,
            MeterRegistry metrics) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.mpConfig = mpConfig;
        this.json = json;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parked-touchpoint-sweep");
            t.setDaemon(true);
            return t;
        });
        timer = vertx.setPeriodic(config.parking().sweepInterval().toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (sender != null) {
            sender.shutdown();
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(java.time.Duration.ofSeconds(5));
            }
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
                    return Uni.createFrom().item(() -> send(expired))
                            .runSubscriptionOn(sender)
                            .chain(() -> conn.preparedQuery(DELETE).execute(Tuple.tuple().addArrayOfUUID(ids)))
                            .replaceWith(expired.size());
                });
    }

    private int send(List<Expired> expired) {
        Producer<String, String> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Expired e : expired) {
            acks.add(kafka.send(toRecord(e)));
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            resetProducer();
            throw new IllegalStateException("dead-letter topic did not acknowledge: " + e.getMessage(), e);
        }
        return expired.size();
    }

    private ProducerRecord<String, String> toRecord(Expired e) {
        String reason = TouchpointIngestConsumer.CONSUMER + ": " + (e.deadReason() != null ? e.deadReason()
                : "client " + e.clientId() + " is not known: no crm.client.registered within "
                        + config.parking().maxWait() + " (parked at " + e.parkedAt().toInstant() + ")");
        var record = new ProducerRecord<String, String>(TouchpointIngestConsumer.DEAD_LETTER_TOPIC, e.clientId(), e.payload());
        e.headers().forEach((name, value) -> record.headers().add(header(name, value)));
        record.headers().add(header("dead-letter-reason", reason));
        record.headers().add(header("dead-letter-cause", e.deadReason() != null ? "not applicable" : "client not known"));
        record.headers().add(header("dead-letter-topic", e.topic()));
        record.headers().add(header("dead-letter-partition", Integer.toString(e.partition())));
        record.headers().add(header("dead-letter-offset", Long.toString(e.offset())));
        return record;
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

    /** A producer that lost records may hold stale sequence state; the next round starts afresh. */
    private synchronized void resetProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ZERO);
            producer = null;
        }
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, mpConfig.getValue("kafka.bootstrap.servers", String.class));
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "interaction-service-parked-dlq");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
