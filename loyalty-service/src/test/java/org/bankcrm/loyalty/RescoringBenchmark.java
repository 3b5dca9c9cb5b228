package org.bankcrm.loyalty;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The benchmark, not a test (surefire does not pick it up by name): interaction events produced to the real
 * broker as fast as the producer goes, rescored by the service, score-changed published through the outbox.
 * Latency per event: the score-changed record's timestamp (set by the relay's producer when it sends) minus
 * the interaction record's timestamp (set by our producer); both clocks are this machine's.
 *
 * <pre>./mvnw -B -o verify -f loyalty-service/pom.xml -Dtest=RescoringBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.clients=300 -Dbench.events=3000</pre>
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
class RescoringBenchmark {
    static final int CLIENTS = Integer.getInteger("bench.clients", 300);
    static final int EVENTS = Integer.getInteger("bench.events", 3000);
    static final int WARM_UP = Integer.getInteger("bench.warm-up", 1000);
    /** Events per second of the paced run, below capacity, where latency is measured without a queue. */
    static final int PACED_RATE = Integer.getInteger("bench.paced-rate", 25);
    static final int PACED_EVENTS = Integer.getInteger("bench.paced-events", 1000);

    @Test
    void rescoringThroughputAndLatency() throws Exception {
        String bootstrap = RealInfrastructure.get().bootstrapServers();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
                var consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            List<String> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String clientId = UUID.randomUUID().toString();
                clients.add(clientId);
                producer.send(TestEvents.registered(clientId, LocalDate.now().minusYears(1 + i % 15))).get();
                producer.send(TestEvents.productOpened(clientId, "CURRENT_ACCOUNT", List.of("CURRENT_ACCOUNT", "DEBIT_CARD")));
            }
            producer.flush();
            var partitions = consumer.partitionsFor("crm.loyalty.events.v1", Duration.ofSeconds(10)).stream()
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now: scores published from here on are all read

            Map<String, Long> warmUp = produce(producer, clients, WARM_UP, 0);
            awaitScores(consumer, warmUp, Duration.ofMinutes(3));
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            report("burst", EVENTS, producer, consumer, partitions, clients, 0);
            report("paced at " + PACED_RATE + "/s", PACED_EVENTS, producer, consumer, partitions, clients, PACED_RATE);
        }
    }

    private static void report(String run, int events, KafkaProducer<String, String> producer,
            KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, List<String> clients, int rate)
            throws Exception {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Map<String, Long> sent = produce(producer, clients, events, rate);
        long started = Collections.min(sent.values());
        Map<String, Long> published = awaitScores(consumer, sent, Duration.ofMinutes(10));
        long finished = Collections.max(published.values());
        List<Long> latencies = new ArrayList<>();
        sent.forEach((id, at) -> latencies.add(published.get(id) - at));
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "%nBENCHMARK %s: %d interaction events over %d clients: %.0f events/s rescored and "
                + "published; produce→score-changed latency p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n%n", run, events,
                clients.size(), events * 1000.0 / Math.max(1, finished - started), pct(latencies, 0.50),
                pct(latencies, 0.95), pct(latencies, 0.99), latencies.get(latencies.size() - 1));
    }

    /** Sends interaction events round-robin over the clients; ce_id → record timestamp. */
    private static Map<String, Long> produce(KafkaProducer<String, String> producer, List<String> clients, int events,
            int rate) throws Exception {
        Map<String, Future<RecordMetadata>> pending = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            if (rate > 0) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            String clientId = clients.get(i % clients.size());
            ProducerRecord<String, String> record = i % 3 == 0
                    ? TestEvents.bankCausedComplaint(clientId, UUID.randomUUID().toString())
                    : TestEvents.surveyAnswer(clientId, i % 11);
            pending.put(CloudEventRecords.header(record.headers(), "ce_id"), producer.send(record));
        }
        producer.flush();
        Map<String, Long> sent = new HashMap<>();
        for (var e : pending.entrySet()) {
            sent.put(e.getKey(), e.getValue().get().timestamp());
        }
        return sent;
    }

    /** Reads score-changed records until one was published for each event; causation ce_id → record timestamp. */
    private static Map<String, Long> awaitScores(KafkaConsumer<String, String> consumer, Map<String, Long> sent,
            Duration timeout) {
        Map<String, Long> published = new HashMap<>();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!published.keySet().containsAll(sent.keySet())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + published.size() + " of " + sent.size() + " rescored in time");
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                String cause = CloudEventRecords.header(r.headers(), "ce_causationid");
                if ("crm.loyalty.score-changed".equals(CloudEventRecords.header(r.headers(), "ce_type"))
                        && cause != null && sent.containsKey(cause)) {
                    published.put(cause, r.timestamp());
                }
            }
        }
        return published;
    }

    private static long pct(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
