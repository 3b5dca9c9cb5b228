package org.bankcrm.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay's producer against a real broker whose only listener is SASL with SCRAM-SHA-512 users and ACLs
 * (as the Strimzi KafkaUsers of deploy/k8s give each service): configured only through {@code kafka.*}
 * settings, the way a service receives them from its ConfigMap and secret.
 */
class KafkaEventPublisherSaslTest {
    static final String TOPIC = "crm.client.events.v1";
    static final String USER = "client-service";
    static final String PASSWORD = "client-service-scram-secret";

    static KafkaClusterTestKit kafka;

    @BeforeAll
    static void startSaslBroker() throws Exception {
        Exit.setExitProcedure((code, message) -> System.err.println("kafka asked to exit(" + code + "): " + message));
        Exit.setHaltProcedure((code, message) -> System.err.println("kafka asked to halt(" + code + "): " + message));
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build();
        kafka = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        // the operator's part (Strimzi's User Operator in Kubernetes): the service's SCRAM user and its ACLs
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), PASSWORD))).all().get();
            ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL);
            admin.createAcls(List.of(
                    new AclBinding(topic, new AccessControlEntry("User:" + USER, "*", AclOperation.WRITE, AclPermissionType.ALLOW)),
                    new AclBinding(topic, new AccessControlEntry("User:" + USER, "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW))))
                    .all().get();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    static Properties adminConfig() {
        Properties config = new Properties();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
        return config;
    }

    static KafkaEventPublisher publisherWith(String password) {
        Map<String, String> serviceConfig = Map.of(
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + password + "\";");
        return new KafkaEventPublisher(kafka.bootstrapServers(), KafkaSecuritySettingsTest.OUTBOX, "client-service-outbox",
                KafkaEventPublisher.securitySettings(name -> Optional.ofNullable(serviceConfig.get(name))));
    }

    @Test
    void theRelayPublishesThroughAScramListenerWithTheServicesKafkaSettings() {
        try (KafkaEventPublisher publisher = publisherWith(PASSWORD)) {
            var result = publisher.publish(List.of(KafkaEventPublisherTest.event(1, "c-1")));
            assertThat(result.failed()).isEmpty();
            assertThat(result.published()).containsExactly(1L);
        }
        Properties consumer = adminConfig();
        consumer.put("group.id", "sasl-test");
        consumer.put("auto.offset.reset", "earliest");
        try (var records = new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer())) {
            records.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, byte[]>> got = new java.util.ArrayList<>();
            long until = System.currentTimeMillis() + 20_000;
            while (got.isEmpty() && System.currentTimeMillis() < until) {
                records.poll(Duration.ofMillis(500)).forEach(got::add);
            }
            assertThat(got).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("c-1");
                assertThat(new String(r.headers().lastHeader("ce_id").value())).isEqualTo("e-1");
            });
        }
    }

    @Test
    void aWrongPasswordIsRefusedSoTheRowsStayPending() {
        try (KafkaEventPublisher publisher = publisherWith("wrong")) {
            var result = publisher.publish(List.of(KafkaEventPublisherTest.event(2, "c-2")));
            assertThat(result.published()).isEmpty();
            assertThat(result.failed()).containsKey(2L);
            assertThat(result.failed().get(2L)).containsIgnoringCase("authentication");
        }
    }
}
