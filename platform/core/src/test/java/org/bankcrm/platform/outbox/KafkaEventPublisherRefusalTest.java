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
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
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
                    event(3, TOPIC, "c-2")));

            assertThat(result.published()).isEmpty();
            assertThat(result.failed()).containsOnlyKeys(1L, 2L, 3L);
            assertThat(result.failed().get(1L)).contains("not present in metadata");
            assertThat(result.failed().get(2L)).contains("not sent after an earlier refusal");
            assertThat(recordsOn(TOPIC)).as("records on the broker that the round reports as not published").isZero();

            // the next round, the refusal gone: everything goes, in order, once
            KafkaEventPublisher.Result next = publisher.publish(List.of(event(2, TOPIC, "c-1"), event(3, TOPIC, "c-2")));
            assertThat(next.published()).containsExactly(2L, 3L);
            assertThat(recordsOn(TOPIC)).isEqualTo(2);
        }
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
