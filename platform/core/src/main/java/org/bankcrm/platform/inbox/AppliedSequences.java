package org.bankcrm.platform.inbox;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.platform.events.EventSequence;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.store.PlatformStatements;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * "Apply only if newer", in one place for every consumer of state-carrying events: the last sequence applied per
 * (consumer, producer, client) is kept in {@code applied_sequence}, moved forward in the transaction that applies the
 * event. One guarded upsert both compares and records, and its row lock serialises two deliveries of one client.
 */
@ApplicationScoped
public class AppliedSequences {
    private static final Logger LOG = Logger.getLogger(AppliedSequences.class);
    static final String RECORD_IF_NEWER = """
            insert into applied_sequence as a (consumer, source, client_id, sequence)
            values (:consumer, :source, :clientId, :sequence)
            on conflict (consumer, source, client_id) do update set sequence = excluded.sequence
            where a.sequence < excluded.sequence
            """;

    private final MeterRegistry metrics;

    public AppliedSequences(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /**
     * Inside the transaction that applies {@code event}: true (and the event's sequence recorded) when the event is newer
     * than what {@code consumer} applied from its source for its client, or carries no sequence; false for a stale one,
     * counted in {@code crm_events_stale_total{consumer,type}}. A sequence that is not a positive integer is malformed.
     */
    public Uni<Boolean> recordIfNewer(String consumer, IncomingEvent event) {
        Optional<EventSequence> sequence;
        try {
            sequence = EventSequence.of(event);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        if (sequence.isEmpty()) {
            return Uni.createFrom().item(true); // a producer before the upgrade: no order to keep
        }
        long value = sequence.get().value();
        return PlatformStatements.executeUpdate(session -> session.createNativeQuery(RECORD_IF_NEWER)
                        .setParameter("consumer", consumer)
                        .setParameter("source", event.source())
                        .setParameter("clientId", event.subject())
                        .setParameter("sequence", value))
                .map(changed -> {
                    if (changed == 1) {
                        return true;
                    }
                    metrics.counter("crm.events.stale", "consumer", consumer, "type", event.type()).increment();
                    // ce_id and sequence only: the client is not named in logs
                    LOG.infof("%s: %s %s (sequence %d from %s) is not newer than the state applied, skipped",
                            consumer, event.type(), event.id(), value, event.source());
                    return false;
                });
    }
}
