package org.bankcrm.platform.inbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * event. For one event, one guarded upsert both compares and records, and its row lock serialises two deliveries of
 * one client; for an inbox batch, one select and one upsert decide and record all its events.
 */
@ApplicationScoped
public class AppliedSequences {
    private static final Logger LOG = Logger.getLogger(AppliedSequences.class);
    static final String RECORD_IF_NEWER = """
            insert into applied_sequence as a (consumer, source, client_id, sequence)
            values ($1, $2, $3, $4)
            on conflict (consumer, source, client_id) do update set sequence = excluded.sequence
            where a.sequence < excluded.sequence
            """;
    /** The sequences applied so far for a batch's (source, client) pairs, their rows locked until the transaction ends. */
    static final String APPLIED = """
            select a.source, a.client_id, a.sequence from applied_sequence a
            join unnest($2::text[], $3::text[]) as k(source, client_id) on a.source = k.source and a.client_id = k.client_id
            where a.consumer = $1
            order by a.source, a.client_id
            for update of a
            """;
    /** Moves each pair forward to the batch's newest sequence, only where that is above what is recorded. */
    static final String RECORD_ALL = """
            insert into applied_sequence as a (consumer, source, client_id, sequence)
            select $1, k.source, k.client_id, k.sequence
            from unnest($2::text[], $3::text[], $4::bigint[]) as k(source, client_id, sequence)
            order by k.source, k.client_id
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
        return PlatformStatements.update(RECORD_IF_NEWER, consumer, event.source(), event.subject(), value)
                .map(changed -> {
                    if (changed == 1) {
                        return true;
                    }
                    stale(consumer, event, value);
                    return false;
                });
    }

    /**
     * As {@link #recordIfNewer(String, IncomingEvent)} for the state-carrying events of one batch, in the order they
     * came, in two statements whatever their number: each event is newer when its sequence is above both what was
     * recorded and that of the batch's earlier newer events of its source and client. Yields which events are newer,
     * in order; the newest sequence of each pair is recorded. Runs under the batch's client locks; should another
     * transaction have moved a pair meanwhile all the same (a consumer of the same group during a rebalance), the
     * record fails and the batch with it (applied again one event at a time, each deciding for itself).
     */
    public Uni<List<Boolean>> recordIfNewer(String consumer, List<IncomingEvent> events) {
        List<Long> sequences = new ArrayList<>(events.size());
        Map<Pair, Long> newest = new LinkedHashMap<>();
        try {
            for (IncomingEvent event : events) {
                Long value = EventSequence.of(event).map(EventSequence::value).orElse(null);
                sequences.add(value);
                if (value != null) {
                    newest.merge(new Pair(event.source(), event.subject()), value, Math::max);
                }
            }
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        if (newest.isEmpty()) {
            return Uni.createFrom().item(events.stream().map(e -> true).toList());
        }
        String[] sources = newest.keySet().stream().map(Pair::source).toArray(String[]::new);
        String[] clients = newest.keySet().stream().map(Pair::clientId).toArray(String[]::new);
        return PlatformStatements.select(APPLIED, consumer, sources, clients).chain(rows -> {
            Map<Pair, Long> before = new HashMap<>();
            for (Object[] row : rows) {
                before.put(new Pair((String) row[0], (String) row[1]), ((Number) row[2]).longValue());
            }
            Map<Pair, Long> applied = new HashMap<>(before);
            List<Boolean> newer = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                IncomingEvent event = events.get(i);
                Long value = sequences.get(i);
                if (value == null) {
                    newer.add(true);
                    continue;
                }
                Pair pair = new Pair(event.source(), event.subject());
                Long last = applied.get(pair);
                if (last == null || value > last) {
                    applied.put(pair, value);
                    newer.add(true);
                } else {
                    stale(consumer, event, value);
                    newer.add(false);
                }
            }
            List<Pair> moved = new ArrayList<>();
            List<Long> to = new ArrayList<>();
            newest.forEach((pair, value) -> {
                Long last = before.get(pair);
                if (last == null || value > last) {
                    moved.add(pair);
                    to.add(value);
                }
            });
            if (moved.isEmpty()) {
                return Uni.createFrom().item(newer);
            }
            return PlatformStatements.update(RECORD_ALL, consumer,
                            moved.stream().map(Pair::source).toArray(String[]::new),
                            moved.stream().map(Pair::clientId).toArray(String[]::new),
                            to.toArray(Long[]::new))
                    .chain(changed -> changed == moved.size() ? Uni.createFrom().item(newer)
                            : Uni.createFrom().failure(new IllegalStateException(
                                    "applied sequences moved by another transaction meanwhile")));
        });
    }

    private void stale(String consumer, IncomingEvent event, long value) {
        metrics.counter("crm.events.stale", "consumer", consumer, "type", event.type()).increment();
        // ce_id and sequence only: the client is not named in logs
        LOG.infof("%s: %s %s (sequence %d from %s) is not newer than the state applied, skipped",
                consumer, event.type(), event.id(), value, event.source());
    }

    private record Pair(String source, String clientId) {
    }
}
