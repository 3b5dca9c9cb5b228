package org.bankcrm.platform.parking;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.events.CloudEventHeaders;
import org.bankcrm.platform.events.IncomingEvent;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Events that came for a client a consumer does not know yet: parked as they came ({@code parked_record}), applied in
 * arrival order by the consumer in the transaction that makes the client known ({@link #release}), or dead-lettered
 * with the reason by {@link ParkedRecordSweep} after {@code crm.parking.max-wait}. Every method runs in the caller's
 * transaction (the inbox's), under the client's lock, so a park and a release of one client never cross.
 */
@ApplicationScoped
public class ParkedRecords {
    private static final Logger LOG = Logger.getLogger(ParkedRecords.class);

    private final ObjectMapper json;
    private final ParkingConfig config;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public ParkedRecords(ObjectMapper json, ParkingConfig config, MeterRegistry metrics) {
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    /** Parks {@code event} for its client (ce_subject) until the configured wait has passed. */
    public Uni<Void> park(String consumer, IncomingEvent event) {
        return park(consumer, event, null);
    }

    /**
     * As {@link #park(String, IncomingEvent)}, under a key the consumer recognises a record sent again by (e.g. a
     * touchpoint id, see {@link #find}); two parked records of one consumer never share it.
     */
    public Uni<Void> park(String consumer, IncomingEvent event, String naturalKey) {
        ParkedRecord parked = new ParkedRecord();
        parked.consumer = consumer;
        parked.clientId = event.subject();
        parked.naturalKey = naturalKey;
        parked.topic = event.topic();
        parked.partition = event.partition();
        parked.offset = event.offset();
        parked.headers = write(headers(event));
        parked.data = event.data().toString();
        parked.parkedAt = clock.instant();
        parked.expiresAt = parked.parkedAt.plus(config.maxWait());
        metrics.counter("crm.parked", "consumer", consumer, "type", event.type()).increment();
        LOG.debugf("%s: event %s (%s) parked until its client is known", consumer, event.id(), event.type());
        return Panache.getSession().chain(session -> session.persist(parked));
    }

    /** The record {@code consumer} parked under {@code naturalKey}, or null. */
    public Uni<ParkedRecord> find(String consumer, String naturalKey) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from ParkedRecord where consumer = ?1 and naturalKey = ?2", ParkedRecord.class)
                .setParameter(1, consumer).setParameter(2, naturalKey)
                .getSingleResultOrNull());
    }

    /** What became of a released record. */
    public enum Release {
        /** Applied (or nothing left to apply): forgotten. */
        APPLIED,
        /** Still cannot be applied: it waits on. */
        WAITING
    }

    /**
     * Applies the records parked for {@code clientId} (of every consumer of the service) in the order they came, with
     * {@code apply}: a record {@link Release#APPLIED} is forgotten, one {@link Release#WAITING} stays; a failure of
     * {@code apply} with a {@link GivenUp} gives the record up (the sweep sends it to the DLQ with that reason).
     */
    public Uni<Void> release(String clientId, Function<IncomingEvent, Uni<Release>> apply) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                        "from ParkedRecord where clientId = ?1 and deadReason is null order by id", ParkedRecord.class)
                        .setParameter(1, clientId).getResultList()
                        .chain(waiting -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (ParkedRecord parked : waiting) {
                                chain = chain.chain(() -> apply.apply(event(parked))
                                        .onFailure(GivenUp.class).recoverWithItem(e -> {
                                            giveUp(parked, e.getMessage());
                                            return Release.WAITING;
                                        })
                                        .chain(release -> release == Release.APPLIED ? session.remove(parked)
                                                : Uni.createFrom().voidItem()));
                            }
                            return chain;
                        }));
    }

    /** A released record that can no longer be applied, with the reason it goes to the DLQ with. */
    public static class GivenUp extends RuntimeException {
        public GivenUp(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Sends the record to the DLQ at the next sweep, with this reason. */
    public void giveUp(ParkedRecord parked, String reason) {
        parked.deadReason = reason;
        parked.expiresAt = clock.instant();
    }

    /** Forgets what waited for the client (it was erased). */
    public Uni<Integer> deleteOfClient(String clientId) {
        return Panache.getSession().chain(session -> session
                .createMutationQuery("delete from ParkedRecord where clientId = ?1").setParameter(1, clientId)
                .executeUpdate());
    }

    /** How many records wait for the client. */
    public Uni<Long> countFor(String clientId) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select count(*) from ParkedRecord where clientId = ?1", Long.class)
                .setParameter(1, clientId).getSingleResult());
    }

    /** The parked record read again as the CloudEvent it came as. */
    public IncomingEvent event(ParkedRecord parked) {
        Map<String, String> headers;
        try {
            headers = json.readValue(parked.headers, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parked record " + parked.id + " cannot be read back", e);
        }
        ConsumerRecord<String, String> record = new ConsumerRecord<>(parked.topic, parked.partition, parked.offset,
                parked.clientId, parked.data);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return IncomingEvent.parse(record, json);
    }

    /** The CloudEvents headers of the event, as the record carried them (read again by {@link #event}). */
    static Map<String, String> headers(IncomingEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.ID, event.id());
        headers.put(CloudEventHeaders.TYPE, event.type());
        headers.put(CloudEventHeaders.SOURCE, event.source());
        headers.put(CloudEventHeaders.SUBJECT, event.subject());
        headers.put(CloudEventHeaders.TIME, event.time().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        event.extensions().forEach((name, value) -> headers.put(CloudEventHeaders.PREFIX + name, value));
        return headers;
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
