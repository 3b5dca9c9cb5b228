package org.bankcrm.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real broker: a record the producer refuses at {@code send()} ends the relay's round, also when KafkaProducer
 * reports the refusal as an already-failed future rather than by throwing (what it does when the metadata wait times
 * out, as while the broker is away). crm chaos's broker-kill found the way it went before: the round went on, the
 * client's next events reached the broker that had come back, were held back as not published, and went again in the
 * next round after the refused one - on the topic twice, and the refused event behind its successors, so every
 * consumer skipped it as older than the state it held.
 */
class KafkaEventPublisherRefusalTest {
    static final String TOPIC = "crm.client.events.v1";
    /** Not on the broker, and the broker creates no topic by itself: the metadata wait for it times out. */
    static final String MISSING = "crm.not-created.v1";
    /** The topic of the test of a failed batch. */
    static final String WAVES = "crm.client-waves.v1";
    /** The topic of the test of one batch per round. */
    static final String TOGETHER = "crm.client-together.v1";

    static KafkaClusterTestKit kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        Exit.setExitProcedure((code, message) -> System.err.println("kafka asked to exit(" + code + "): " + message));
        Exit.setHaltProcedure((code, message) -> System.err.println("kafka asked to halt(" + code + "): " + message));
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1), new NewTopic(WAVES, 1, (short) 1),
                    new NewTopic(TOGETHER, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aRecordRefusedWithAFailedFutureEndsTheRoundSoNothingAfterItReachesTheBroker() throws Exception {
        // the other publisher tests' outbox settings, with a metadata wait of 1 s so that the refusal comes quickly
        OutboxConfig quick = (OutboxConfig) Proxy.newProxyInstance(OutboxConfig.class.getClassLoader(),
                new Class<?>[] { OutboxConfig.class }, (proxy, method, args) -> method.getName().equals("maxBlock")
                        ? Duration.ofSeconds(1) : method.invoke(KafkaSecuritySettingsTest.OUTBOX, args));
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(kafka.bootstrapServers(), quick, "client-service-outbox",
                Map.of())) {
            KafkaEventPublisher.Result result = publisher.publish(List.of(
                    event(1, MISSING, "c-1"), // refused: no metadata within max.block.ms
                    event(2, TOPIC, "c-1"), // the same client's next event
                    event(3, TOPIC, "c-2"))); // another client's, packed into the first step: it goes before c-1's

            assertThat(result.published()).containsExactly(3L);
            assertThat(result.failed()).containsOnlyKeys(1L, 2L);
            assertThat(result.failed().get(1L)).contains("not present in metadata");
            assertThat(result.failed().get(2L)).contains("not sent after an earlier refusal");
            assertThat(recordsOn(TOPIC)).as("records on the broker: only what the round reports as published").isEqualTo(1);

            // the next round, the refusal gone: the rest goes, once
            KafkaEventPublisher.Result next = publisher.publish(List.of(event(2, TOPIC, "c-1")));
            assertThat(next.published()).containsExactly(2L);
            assertThat(recordsOn(TOPIC)).isEqualTo(2);
        }
    }

    /**
     * On a real broker: a round's events of one partition leave as one batch in one produce request, also beyond the
     * producer's default batch.size (16 KB) - a batch is written whole or not at all, so a client's later event cannot
     * be on the broker without its earlier ones. (With linger.ms 0 and that batch size the producer split such a
     * round into several batches, the first of which could expire while the next was written.)
     */
    @Test
    void aRoundsEventsOfAPartitionLeaveAsOneBatchInOneRequest() throws Exception {
        Properties config = KafkaEventPublisher.producerConfig(kafka.bootstrapServers(), KafkaSecuritySettingsTest.OUTBOX,
                "client-service-outbox", Map.of());
        var real = new java.util.concurrent.atomic.AtomicReference<org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>>();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(() -> {
            real.set(new org.apache.kafka.clients.producer.KafkaProducer<>(config));
            return real.get();
        })) {
            List<PendingEvent> round = new java.util.ArrayList<>();
            String notes = "x".repeat(1_000);
            for (int i = 1; i <= 60; i++) { // about 75 KB: four times the default batch.size
                round.add(new PendingEvent(100 + i, "e-" + (100 + i), TOGETHER, "c-" + (i % 3),
                        "crm.client.product-opened", "/bank-crm/client-service", "c-" + (i % 3),
                        Instant.parse("2026-12-07T03:50:00Z"), "{\"notes\":\"" + notes + "\"}", Map.of("sequence", "" + i)));
            }

            KafkaEventPublisher.Result result = publisher.publish(round);

            assertThat(result.failed()).isEmpty();
            assertThat(result.published()).hasSize(60);
            assertThat(keysOn(TOGETHER)).hasSize(60);
            assertThat(metric(real.get(), "records-per-request-avg")).as("records per produce request").isEqualTo(60.0);
        }
    }

    private static double metric(org.apache.kafka.clients.producer.Producer<String, byte[]> producer, String name) {
        return producer.metrics().entrySet().stream()
                .filter(m -> m.getKey().name().equals(name) && m.getKey().group().equals("producer-metrics"))
                .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).findFirst().orElseThrow();
    }

    /**
     * On a real broker: a client whose events do not fit one step has them handed to the producer one at a time, each
     * once the client's earlier event of the round is on the broker, so when an earlier one fails none of the later
     * ones can be there. A round used to hand all its events
     * to the producer at once; the producer sends them in batches (at most batch.size each), and crm chaos's broker-kill
     * found a client's first batch failed (expired while the broker was away) and its next written: sequences 20-21 on
     * the topic ahead of 1-19, and 1-21 again after them next round, so that every consumer of client events skipped the
     * client's registration and products as older than the state it held. Here the producer is the real one on a real
     * broker, but the first event of c-1 fails as an expired batch does: its future fails a moment after send(). On the
     * old publisher c-1's second event reached the broker (keys on the broker ["c-1", "c-2", "c-2"]).
     */
    @Test
    void whenAClientsEventFailsAfterSendNoneOfItsLaterEventsReachesTheBroker() throws Exception {
        java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.List<String> handedOver = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        Properties config = KafkaEventPublisher.producerConfig(kafka.bootstrapServers(), KafkaSecuritySettingsTest.OUTBOX,
                "client-service-outbox", Map.of());
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(() -> expiringFirst(
                new org.apache.kafka.clients.producer.KafkaProducer<>(config), "c-1", expired, later, handedOver), 1)) {
            KafkaEventPublisher.Result result = publisher.publish(List.of(event(21, WAVES, "c-1"), event(22, WAVES, "c-1"),
                    event(23, WAVES, "c-2"), event(24, WAVES, "c-2")));

            assertThat(keysOn(WAVES)).as("keys of the records on the broker").containsExactly("c-2", "c-2");
            assertThat(result.failed()).containsOnlyKeys(21L, 22L);
            assertThat(result.failed().get(21L)).contains("Expiring 1 record");
            assertThat(result.published()).containsExactly(23L, 24L);
            assertThat(handedOver).as("records handed to the producer, in turn").containsExactly("e-21", "e-23", "e-24");
            handedOver.clear();

            // the next round: c-1's events in order, once
            KafkaEventPublisher.Result next = publisher.publish(List.of(event(21, WAVES, "c-1"), event(22, WAVES, "c-1")));
            assertThat(next.published()).containsExactly(21L, 22L);
            assertThat(handedOver).containsExactly("e-21", "e-22");
            assertThat(keysOn(WAVES)).containsExactly("c-2", "c-2", "c-1", "c-1");
        } finally {
            later.shutdownNow();
        }
    }

    /**
     * The real producer, except that the first record of {@code key} is not sent: its future fails 200 ms after send()
     * as a batch that expired does ("Expiring 1 record(s)"). Every record handed over is noted by its ce_id.
     */
    @SuppressWarnings("unchecked")
    private static org.apache.kafka.clients.producer.Producer<String, byte[]> expiringFirst(
            org.apache.kafka.clients.producer.Producer<String, byte[]> real, String key,
            java.util.concurrent.atomic.AtomicBoolean expired, java.util.concurrent.ScheduledExecutorService later,
            List<String> handedOver) {
        return (org.apache.kafka.clients.producer.Producer<String, byte[]>) Proxy.newProxyInstance(
                KafkaEventPublisherRefusalTest.class.getClassLoader(),
                new Class<?>[] { org.apache.kafka.clients.producer.Producer.class }, (proxy, method, args) -> {
                    if (method.getName().equals("send")) {
                        var record = (org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>) args[0];
                        handedOver.add(new String(record.headers().lastHeader("ce_id").value(),
                                java.nio.charset.StandardCharsets.UTF_8));
                        if (key.equals(record.key()) && expired.compareAndSet(false, true)) {
                            var future = new java.util.concurrent.CompletableFuture<org.apache.kafka.clients.producer.RecordMetadata>();
                            later.schedule(() -> future.completeExceptionally(new org.apache.kafka.common.errors.TimeoutException(
                                    "Expiring 1 record(s) for " + record.topic() + "-0: 120000 ms has passed since batch creation")),
                                    200, java.util.concurrent.TimeUnit.MILLISECONDS);
                            return future;
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static List<String> keysOn(String topic) {
        Properties config = new Properties();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("group.id", "keys-" + System.nanoTime());
        config.put("auto.offset.reset", "earliest");
        config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        config.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        List<String> keys = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }

    private static PendingEvent event(long id, String topic, String client) {
        return new PendingEvent(id, "e-" + id, topic, client, "crm.client.product-opened", "/bank-crm/client-service", client,
                Instant.parse("2026-12-06T22:16:28Z"), "{\"n\":" + id + "}", Map.of("sequence", Long.toString(id)));
    }

    private static long recordsOn(String topic) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
        }
    }
}
