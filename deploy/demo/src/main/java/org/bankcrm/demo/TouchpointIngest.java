package org.bankcrm.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Another bank system writing touchpoints to {@code crm.touchpoint.ingest.v1}, as interaction-service's AsyncAPI
 * describes: CloudEvents 1.0 in binary mode ({@code ce_*} headers, type {@code crm.touchpoint.submitted}),
 * key and {@code ce_subject} = clientId, JSON data = the REST body.
 */
public final class TouchpointIngest implements AutoCloseable {
    public static final String TOPIC = "crm.touchpoint.ingest.v1";
    public static final String TYPE = "crm.touchpoint.submitted";

    private final KafkaProducer<String, String> producer;

    public TouchpointIngest(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "crm-demo");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** The sending system, as {@code ce_source}: the ATM network for ATM contacts, core banking for the rest. */
    static String sourceOf(Payloads.Touchpoint touchpoint) {
        return "ATM".equals(touchpoint.channel()) ? "/core-banking/atm-network" : "/core-banking/transactions";
    }

    /** Transactions and ATM contacts come from core banking over the topic; the channels' contacts over REST. */
    static boolean viaTopic(Payloads.Touchpoint touchpoint) {
        return "ATM".equals(touchpoint.channel()) || "TRANSACTION".equals(touchpoint.type());
    }

    static ProducerRecord<String, String> record(Payloads.Touchpoint touchpoint, UUID eventId, Instant sentAt) {
        String key = touchpoint.clientId().toString();
        return new ProducerRecord<>(TOPIC, null, key, CrmApi.write(touchpoint), List.of(
                header("ce_specversion", "1.0"),
                header("ce_id", eventId.toString()),
                header("ce_type", TYPE),
                header("ce_source", sourceOf(touchpoint)),
                header("ce_subject", key),
                header("ce_time", sentAt.toString()),
                header("content-type", "application/json")));
    }

    public Future<RecordMetadata> send(Payloads.Touchpoint touchpoint) {
        // the ce_id is derived from the touchpoint id, so a second run of the same seed is deduplicated by the inbox
        UUID eventId = UUID.nameUUIDFromBytes(("crm-demo:" + touchpoint.id()).getBytes(StandardCharsets.UTF_8));
        return producer.send(record(touchpoint, eventId, Instant.now()));
    }

    public void await(Future<RecordMetadata> sent) {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApi.CallFailed("interrupted while sending to " + TOPIC);
        } catch (ExecutionException e) {
            throw new CrmApi.CallFailed("cannot send to " + TOPIC + ": " + e.getCause().getMessage());
        }
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
