package org.bankcrm.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's own limit, on the same broker and with the producer settings of the services' outbox relays
 * ({@code acks=all}, idempotent, {@code linger.ms=0}): 1 KB records produced as fast as one producer can
 * (throughput, produce to consume), then at a fixed rate (produce-to-consume latency from the intended send time).
 */
final class RawKafka {
    static final String TOPIC = "bench.raw.v1";
    static final int RECORD_BYTES = 1024;

    record Figures(long records, double recordsPerSecond, double megabytesPerSecond, ConstantRate.Result fixedRate,
            Latencies.Summary endToEndAtFixedRate) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("recordBytes", RECORD_BYTES);
            map.put("records", records);
            map.put("maxRecordsPerSecond", Math.round(recordsPerSecond));
            map.put("maxMegabytesPerSecond", Math.round(megabytesPerSecond * 10) / 10.0);
            map.put("fixedRatePerSecond", fixedRate.targetRate());
            map.put("fixedRateAckLatency", fixedRate.latency().toMap());
            map.put("fixedRateProduceToConsume", endToEndAtFixedRate.toMap());
            return map;
        }
    }

    private final String bootstrap;
    private final int partitions;

    RawKafka(String bootstrap, int partitions) {
        this.bootstrap = bootstrap;
        this.partitions = partitions;
    }

    Figures measure(long records, double fixedRate, Duration steady) throws Exception {
        createTopic();
        try (KafkaProducer<String, byte[]> producer = producer();
                KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> assigned = new ArrayList<>();
            consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).forEach(p -> assigned.add(new TopicPartition(TOPIC, p.partition())));
            consumer.assign(assigned);
            consumer.seekToEnd(assigned);
            assigned.forEach(consumer::position);

            // warm the producer, the broker and the consumer
            burst(producer, consumer, Math.min(20_000, records / 5));
            long began = System.nanoTime();
            burst(producer, consumer, records);
            double seconds = (System.nanoTime() - began) / 1e9;

            Latencies endToEnd = new Latencies();
            Map<Long, Long> intended = new ConcurrentHashMap<>();
            AtomicLong expected = new AtomicLong();
            Thread reader = new Thread(() -> readTimed(consumer, intended, endToEnd, expected), "raw-kafka-reader");
            reader.start();
            byte[] payload = new byte[RECORD_BYTES];
            ConstantRate.Result fixed = ConstantRate.run(fixedRate, Duration.ofSeconds(2), steady, Duration.ofSeconds(10), 20_000,
                    (sequence, due) -> {
                        byte[] value = payload.clone();
                        ByteBuffer.wrap(value).putLong(sequence);
                        intended.put(sequence, due);
                        expected.incrementAndGet();
                        CompletableFuture<Void> acked = new CompletableFuture<>();
                        producer.send(new ProducerRecord<>(TOPIC, "k" + (sequence % 1024), value), (metadata, error) -> {
                            if (error == null) {
                                acked.complete(null);
                            } else {
                                acked.completeExceptionally(error);
                            }
                        });
                        return acked;
                    });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!intended.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            reader.interrupt();
            reader.join(5_000);
            return new Figures(records, records / seconds, records * RECORD_BYTES / seconds / 1e6, fixed, endToEnd.summary());
        }
    }

    /** Produces {@code count} records as fast as the producer takes them and waits until the consumer has them all. */
    private static void burst(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> consumer, long count)
            throws InterruptedException {
        byte[] value = new byte[RECORD_BYTES];
        CountDownLatch acked = new CountDownLatch(1);
        AtomicLong pending = new AtomicLong(count);
        for (long i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(TOPIC, "k" + (i % 1024), value), (metadata, error) -> {
                if (pending.decrementAndGet() == 0) {
                    acked.countDown();
                }
            });
        }
        long received = 0;
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (received < count && System.nanoTime() < until) {
            received += consumer.poll(Duration.ofMillis(100)).count();
        }
        acked.await(1, TimeUnit.MINUTES);
        if (received < count) {
            throw new IllegalStateException("raw Kafka: only " + received + " of " + count + " records came back");
        }
    }

    private static void readTimed(KafkaConsumer<String, byte[]> consumer, Map<Long, Long> intended, Latencies endToEnd,
            AtomicLong expected) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    Long due = intended.remove(ByteBuffer.wrap(record.value()).getLong());
                    if (due != null) {
                        endToEnd.recordNanos(now - due);
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                return;
            }
        }
    }

    private void createTopic() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config);
    }
}
