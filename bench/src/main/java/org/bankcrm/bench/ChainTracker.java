package org.bankcrm.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Follows the event chain of every touchpoint the bench sent, from the topics alone: {@code crm.interaction.recorded}
 * (joined to the touchpoint by {@code interactionId}; its correlation id, or its own {@code ce_id}, is the root of the
 * chain), {@code crm.loyalty.score-changed} and the two {@code crm.offer.decided} of the chain (trigger
 * {@code INTERACTION}, the fast one, and {@code LOYALTY_SCORE}, the refined one), joined by {@code ce_correlationid}.
 * A consumer that coalesced several events of one client into one rescoring or decision names them all in
 * {@code causedBy} (the score's data, the decision's {@code trigger}): each of their chains is credited with it.
 *
 * <p>Each hop is timed from the events' own stamps: {@code ce_time} (when the service wrote the event, in the same
 * transaction as its state change) and the Kafka record timestamp (when its outbox relay handed it to the producer,
 * millisecond resolution), plus the bench's own clock at sending and at receiving.
 */
final class ChainTracker implements AutoCloseable {
    static final String INTERACTIONS = "crm.interaction.events.v1";
    static final String LOYALTY = "crm.loyalty.events.v1";
    static final String OFFERS = "crm.offer.events.v1";

    /** One event seen on a topic: its ce_time and record timestamp (epoch nanos) and when the bench received it (nanoTime). */
    record Seen(String ceId, long ceTimeEpochNanos, long recordEpochNanos, long receivedNanos) {
    }

    /** Latencies of one step of load: end to end and per hop, and what was lost. */
    record ChainFigures(long sent, long fastDecisions, long refinedDecisions, long missingRecorded, long missingFastDecision,
            Latencies.Summary fastEndToEnd, Latencies.Summary refinedEndToEnd, Latencies.Summary fastFirstThird,
            Latencies.Summary fastLastThird, Map<String, Latencies.Summary> hops) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private volatile boolean running = true;
    private final long anchorNanos = System.nanoTime();
    private final long anchorEpochNanos = epochNanos(Instant.now());

    private final ConcurrentMap<String, Long> intendedByInteraction = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> rootByInteraction = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Seen> recordedByRoot = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Seen> scoreByRoot = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Seen> fastByRoot = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Seen> refinedByRoot = new ConcurrentHashMap<>();
    /** The chain root of each event seen by its ce_id (a score names its roots through the touchpoints it answers). */
    private final ConcurrentMap<String, List<String>> rootsByEvent = new ConcurrentHashMap<>();

    ChainTracker(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(INTERACTIONS, LOYALTY, OFFERS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve now: only what happens from here on is followed
        poller = new Thread(this::poll, "chain-tracker");
        poller.setDaemon(true);
        poller.start();
    }

    /** The bench is about to send touchpoint {@code interactionId}, due at {@code intendedNanos}. */
    void sending(String interactionId, long intendedNanos) {
        intendedByInteraction.put(interactionId, intendedNanos);
    }

    long epochNanosOf(long nanoTime) {
        return anchorEpochNanos + (nanoTime - anchorNanos);
    }

    /** Waits until every touchpoint of {@code ids} has its fast decision, or {@code timeout} passed. */
    void awaitDecisions(Collection<String> ids, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (ids.stream().allMatch(this::hasFastDecision)) {
                return;
            }
            LockSupport.parkNanos(50_000_000);
        }
    }

    private boolean hasFastDecision(String interactionId) {
        String root = rootByInteraction.get(interactionId);
        return root != null && fastByRoot.containsKey(root);
    }

    /** The figures of the touchpoints {@code ids}, in the order they were sent. */
    ChainFigures figures(List<String> ids) {
        Latencies fast = new Latencies();
        Latencies refined = new Latencies();
        Latencies firstThird = new Latencies();
        Latencies lastThird = new Latencies();
        Map<String, Latencies> hops = new LinkedHashMap<>();
        for (String hop : List.of("1 touchpoint accepted (sent -> interaction.recorded written)",
                "2 interaction outbox published", "3 offer-service decided (fast, on the interaction)",
                "4 decision outbox published", "5 loyalty-service rescored", "6 score outbox published",
                "7 offer-service decided (refined, on the score)", "8 refined decision outbox published",
                "9 delivered to the channel (bench consumer)")) {
            hops.put(hop, new Latencies());
        }
        List<Latencies> hopList = new ArrayList<>(hops.values());
        long missingRecorded = 0;
        long missingFast = 0;
        long refinedCount = 0;
        int index = 0;
        for (String id : ids) {
            index++;
            Long intended = intendedByInteraction.get(id);
            String root = rootByInteraction.get(id);
            Seen recorded = root == null ? null : recordedByRoot.get(root);
            if (intended == null || recorded == null) {
                missingRecorded++;
                missingFast++;
                continue;
            }
            long intendedEpoch = epochNanosOf(intended);
            hop(hopList, 0, recorded.ceTimeEpochNanos() - intendedEpoch);
            hop(hopList, 1, recorded.recordEpochNanos() - recorded.ceTimeEpochNanos());
            Seen decided = fastByRoot.get(root);
            if (decided == null) {
                missingFast++;
            } else {
                long endToEnd = decided.receivedNanos() - intended;
                fast.recordNanos(endToEnd);
                if (index <= ids.size() / 3) {
                    firstThird.recordNanos(endToEnd);
                } else if (index > ids.size() - ids.size() / 3) {
                    lastThird.recordNanos(endToEnd);
                }
                hop(hopList, 2, decided.ceTimeEpochNanos() - recorded.recordEpochNanos());
                hop(hopList, 3, decided.recordEpochNanos() - decided.ceTimeEpochNanos());
                hop(hopList, 8, epochNanosOf(decided.receivedNanos()) - decided.recordEpochNanos());
            }
            Seen score = scoreByRoot.get(root);
            if (score != null) {
                hop(hopList, 4, score.ceTimeEpochNanos() - recorded.recordEpochNanos());
                hop(hopList, 5, score.recordEpochNanos() - score.ceTimeEpochNanos());
                Seen second = refinedByRoot.get(root);
                if (second != null) {
                    refinedCount++;
                    refined.recordNanos(second.receivedNanos() - intended);
                    hop(hopList, 6, second.ceTimeEpochNanos() - score.recordEpochNanos());
                    hop(hopList, 7, second.recordEpochNanos() - second.ceTimeEpochNanos());
                }
            }
        }
        Map<String, Latencies.Summary> hopSummaries = new LinkedHashMap<>();
        hops.forEach((name, latencies) -> hopSummaries.put(name, latencies.summary()));
        return new ChainFigures(ids.size(), fast.count(), refinedCount, missingRecorded, missingFast, fast.summary(),
                refined.summary(), firstThird.summary(), lastThird.summary(), hopSummaries);
    }

    /** Clock stamps of different processes can be a hair apart (record timestamps are whole milliseconds): not below 0. */
    private static void hop(List<Latencies> hops, int index, long nanos) {
        hops.get(index).recordNanos(Math.max(0, nanos));
    }

    private void poll() {
        while (running) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long received = System.nanoTime();
                    observe(record, received);
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("chain tracker: " + ConstantRate.describe(e));
            }
        }
    }

    private void observe(ConsumerRecord<String, String> record, long received) {
        String type = header(record, "ce_type");
        String ceId = header(record, "ce_id");
        if (type == null || ceId == null || record.value() == null) {
            return;
        }
        String correlation = header(record, "ce_correlationid");
        String root = correlation == null ? ceId : correlation;
        Seen seen = new Seen(ceId, epochNanos(header(record, "ce_time")), record.timestamp() * 1_000_000L, received);
        try {
            switch (type) {
                case "crm.interaction.recorded" -> {
                    String interactionId = json.readTree(record.value()).path("interactionId").asText(null);
                    rootsByEvent.put(ceId, List.of(root));
                    if (interactionId != null && intendedByInteraction.containsKey(interactionId)) {
                        recordedByRoot.putIfAbsent(root, seen);
                        rootByInteraction.putIfAbsent(interactionId, root);
                    }
                }
                case "crm.loyalty.score-changed" -> {
                    List<String> roots = roots(json.readTree(record.value()).path("causedBy"), root);
                    rootsByEvent.put(ceId, roots);
                    roots.forEach(r -> scoreByRoot.putIfAbsent(r, seen));
                }
                case "crm.offer.decided" -> {
                    JsonNode trigger = json.readTree(record.value()).path("trigger");
                    List<String> roots = roots(trigger.path("causedBy"), root);
                    if ("INTERACTION".equals(trigger.path("type").asText())) {
                        roots.forEach(r -> fastByRoot.putIfAbsent(r, seen));
                    } else if ("LOYALTY_SCORE".equals(trigger.path("type").asText())) {
                        roots.forEach(r -> refinedByRoot.putIfAbsent(r, seen));
                    }
                }
                default -> {
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("chain tracker: unreadable " + type + " " + ceId);
        }
    }

    /** The chain roots of the events {@code causedBy} names (those seen), always with the record's own root. */
    private List<String> roots(JsonNode causedBy, String root) {
        if (!causedBy.isArray() || causedBy.size() <= 1) {
            return List.of(root);
        }
        Set<String> roots = new LinkedHashSet<>();
        for (JsonNode cause : causedBy) {
            roots.addAll(rootsByEvent.getOrDefault(cause.asText(), List.of()));
        }
        roots.add(root);
        return List.copyOf(roots);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long epochNanos(String isoTime) {
        return isoTime == null ? 0 : epochNanos(Instant.parse(isoTime));
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
