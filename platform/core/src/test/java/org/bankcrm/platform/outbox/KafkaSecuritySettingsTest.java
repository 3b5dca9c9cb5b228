package org.bankcrm.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaSecuritySettingsTest {
    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"client-service\" password=\"s3cret\";";

    static final OutboxConfig OUTBOX = new OutboxConfig() {
        public boolean relayEnabled() { return true; }
        public Optional<List<String>> topics() { return Optional.empty(); }
        public int batchSize() { return 500; }
        public int relayShards() { return 16; }
        public Duration sweepInterval() { return Duration.ofSeconds(5); }
        public Duration initialBackoff() { return Duration.ofMillis(500); }
        public Duration maxBackoff() { return Duration.ofSeconds(30); }
        public Duration retention() { return Duration.ofDays(7); }
        public Duration deliveryTimeout() { return Duration.ofSeconds(30); }
        public Duration maxBlock() { return Duration.ofSeconds(5); }
    };

    @Test
    void saslAndTlsSettingsOfTheKafkaPrefixReachTheProducer() {
        Map<String, String> config = Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", JAAS,
                "kafka.ssl.truststore.type", "PEM",
                "kafka.ssl.truststore.location", "/etc/kafka-ca/ca.crt",
                "kafka.bootstrap.servers", "crm-kafka-bootstrap:9093",
                "kafka.group.id", "not-for-a-producer",
                "kafka.acks", "1");

        Map<String, String> security = KafkaEventPublisher.securitySettings(name -> Optional.ofNullable(config.get(name)));

        assertThat(security).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", JAAS),
                Map.entry("ssl.truststore.type", "PEM"),
                Map.entry("ssl.truststore.location", "/etc/kafka-ca/ca.crt"));

        Properties producer = KafkaEventPublisher.producerConfig("crm-kafka-bootstrap:9093", OUTBOX, "client-service-outbox", security);
        assertThat(producer).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt")
                // the relay's own guarantees are not overridable through the kafka. prefix
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true);
    }

    @Test
    void withoutSecuritySettingsTheProducerIsPlaintextAsBefore() {
        Map<String, String> security = KafkaEventPublisher.securitySettings(name -> Optional.empty());
        assertThat(security).isEmpty();
        assertThat(KafkaEventPublisher.producerConfig("localhost:9092", OUTBOX, "x", security))
                .doesNotContainKey("security.protocol").doesNotContainKey("sasl.mechanism");
    }
}
