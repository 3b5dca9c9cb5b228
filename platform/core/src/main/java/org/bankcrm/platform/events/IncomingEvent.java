package org.bankcrm.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A CloudEvent read from a Kafka record in binary mode, checked against the envelope contract:
 * spec version 1.0, id, type, source, subject equal to the record key (the clientId), a valid time
 * and a JSON object as data. Anything else is a {@link MalformedEventException} naming what is wrong.
 */
public record IncomingEvent(String id, String type, String source, String subject, Instant time,
        Map<String, String> extensions, JsonNode data, String topic, int partition, long offset) {

    public static IncomingEvent parse(ConsumerRecord<String, String> record, ObjectMapper json) {
        String specVersion = header(record, CloudEventHeaders.SPEC_VERSION);
        if (specVersion == null) {
            throw new MalformedEventException("not a CloudEvent: header ce_specversion is missing");
        }
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedEventException("unsupported CloudEvents spec version '" + specVersion + "'");
        }
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String source = required(record, CloudEventHeaders.SOURCE);
        String subject = required(record, CloudEventHeaders.SUBJECT);
        if (record.key() == null || !record.key().equals(subject)) {
            throw new MalformedEventException("record key must equal ce_subject (the clientId)");
        }
        String rawTime = required(record, CloudEventHeaders.TIME);
        Instant time;
        try {
            time = Instant.parse(rawTime);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time is not an RFC 3339 timestamp");
        }
        String contentType = header(record, CloudEventHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(CloudEventHeaders.JSON)) {
            throw new MalformedEventException("unsupported content-type '" + contentType + "'");
        }
        if (record.value() == null || record.value().isBlank()) {
            throw new MalformedEventException("event data is empty");
        }
        JsonNode data;
        try {
            data = json.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event data is not valid JSON: " + e.getOriginalMessage());
        }
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("event data must be a JSON object");
        }
        return new IncomingEvent(id, type, source, subject, time, extensions(record), data,
                record.topic(), record.partition(), record.offset());
    }

    /**
     * Checks that the client the data names is the event's subject (the record key, so the partition and the order it
     * was applied in); another one is malformed.
     */
    public void requireSubject(UUID clientId) {
        if (clientId == null || !clientId.toString().equals(subject)) {
            throw new MalformedEventException("data.clientId differs from ce_subject");
        }
    }

    /** An extension attribute, e.g. {@code extension("causationid")}; null when absent. */
    public String extension(String name) {
        return extensions.get(name);
    }

    private static String required(ConsumerRecord<String, String> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("header " + name + " is missing");
        }
        return value;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> extensions(ConsumerRecord<String, String> record) {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            String key = header.key();
            if (key.startsWith(CloudEventHeaders.PREFIX) && header.value() != null
                    && !CloudEventHeaders.CORE_ATTRIBUTES.contains(key)) {
                extensions.put(key.substring(CloudEventHeaders.PREFIX.length()),
                        new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return Map.copyOf(extensions);
    }
}
