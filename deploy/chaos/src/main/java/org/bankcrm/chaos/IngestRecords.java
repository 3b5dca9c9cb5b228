package org.bankcrm.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records on {@value #TOPIC} as another bank system writes them (interaction-service's AsyncAPI): CloudEvents 1.0 in
 * binary mode, key and {@code ce_subject} the client's id, the REST body as data. The envelope's type and spec version
 * are parameters so that the poison can get them wrong.
 */
final class IngestRecords {
    static final String TOPIC = "crm.touchpoint.ingest.v1";
    static final String SUBMITTED = "crm.touchpoint.submitted";

    private IngestRecords() {
    }

    static ProducerRecord<String, String> record(String clientId, String specVersion, String type, String source, String data) {
        return new ProducerRecord<>(TOPIC, null, clientId, data, List.of(
                header("ce_specversion", specVersion),
                header("ce_id", UUID.randomUUID().toString()),
                header("ce_type", type),
                header("ce_source", source),
                header("ce_subject", clientId),
                header("ce_time", Instant.now().toString()),
                header("content-type", "application/json")));
    }

    /** acks=all, as a bank system that counts a touchpoint as handed over only once the broker has it. */
    static KafkaProducer<String, String> producer(String bootstrapServers, String clientId) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
