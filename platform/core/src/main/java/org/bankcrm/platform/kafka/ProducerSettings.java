package org.bankcrm.platform.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The settings of the platform's own Kafka producers (outbox relay, dead letters). */
public final class ProducerSettings {
    private ProducerSettings() {
    }

    /**
     * An idempotent, acks=all producer of String keys and byte[] values, plus the broker's security settings: nothing
     * acknowledged is lost, nothing retried is doubled.
     */
    public static Properties reliable(String bootstrapServers, String clientId, Map<String, String> security,
            Duration deliveryTimeout, Duration maxBlock) {
        Properties config = new Properties();
        config.putAll(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long delivery = deliveryTimeout.toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(10_000, delivery));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /**
     * The security settings, read as {@code kafka.<producer setting>} the way the SmallRye Kafka connectors read theirs
     * ({@code kafka.security.protocol}, {@code kafka.sasl.mechanism}, {@code kafka.sasl.jaas.config},
     * {@code kafka.ssl.truststore.location}, ...; environment variables such as {@code KAFKA_SASL_JAAS_CONFIG} included),
     * so one configuration secures every Kafka client of a service.
     */
    public static Map<String, String> security(Function<String, Optional<String>> config) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : ProducerConfig.configNames()) {
            if (name.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                config.apply("kafka." + name).ifPresent(value -> settings.put(name, value));
            }
        }
        return settings;
    }
}
