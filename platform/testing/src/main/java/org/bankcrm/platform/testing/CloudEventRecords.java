package org.bankcrm.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds binary-mode CloudEvent records the way the producers' outbox relays write them. */
public final class CloudEventRecords {
    private CloudEventRecords() {
    }

    public static ProducerRecord<String, String> event(String topic, String type, String clientId, String json) {
        return event(topic, UUID.randomUUID().toString(), type, clientId, json);
    }

    public static ProducerRecord<String, String> event(String topic, String id, String type, String clientId, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, clientId, json);
        Headers headers = record.headers();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(id));
        headers.add("ce_type", bytes(type));
        headers.add("ce_source", bytes("/bank-crm/test"));
        headers.add("ce_subject", bytes(clientId));
        headers.add("ce_time", bytes(Instant.now().toString()));
        headers.add("content-type", bytes("application/json"));
        return record;
    }

    /**
     * The record as {@code source} published it with the per-client {@code sequence} (header {@code ce_sequence}) at
     * {@code time}: a producer's event as its outbox stamps it, e.g. a late one with an older sequence.
     */
    public static ProducerRecord<String, String> sequenced(ProducerRecord<String, String> record, String source, long sequence,
            Instant time) {
        Headers headers = record.headers();
        headers.remove("ce_source");
        headers.add("ce_source", bytes(source));
        headers.remove("ce_time");
        headers.add("ce_time", bytes(time.toString()));
        headers.add("ce_sequence", bytes(Long.toString(sequence)));
        return record;
    }

    /** The value of a header as text, or null. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends the records to the test broker in one produce request (one record batch per partition, linger 1 s), so that
     * a batch consumer reads them in one poll: what a test of coalescing needs.
     */
    public static void sendTogether(List<ProducerRecord<String, String>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.get().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
        try (var producer = new KafkaProducer<String, String>(props, new StringSerializer(), new StringSerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }
}
