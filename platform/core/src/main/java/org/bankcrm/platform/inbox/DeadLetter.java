package org.bankcrm.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.Header;

/**
 * A record on its way to {@code <topic>.dlq}: the record as it came (key, value, headers) and where it came from,
 * with the reason ({@code dead-letter-reason}, starting with the consumer's name) and the cause ({@code dead-letter-cause}).
 */
public record DeadLetter(String topic, int partition, long offset, String key, byte[] value, List<Header> headers,
        String reason, String cause) {

    /** The dead-letter topic of the record's topic. */
    public String deadLetterTopic() {
        return topic + ".dlq";
    }

    /** The record's size as the broker weighs it, near enough: key, value and headers. */
    public int size() {
        int size = (key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
