package org.bankcrm.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Poison on {@value #TOPIC}, as a faulty bank system would write it: data that is not JSON, an event type the topic
 * does not carry, a CloudEvents spec version nobody speaks, and a touchpoint near the broker's size limit whose notes
 * break the contract's 4,000 characters. Each must end on {@value #DEAD_LETTER_TOPIC} with its reason, and nothing else
 * may: {@link #check} matches the dead letters to the records sent by their origin (partition and offset).
 */
final class Poison {
    static final String TOPIC = IngestRecords.TOPIC;
    static final String DEAD_LETTER_TOPIC = TOPIC + ".dlq";
    /** The broker's default limit (message.max.bytes) is 1,048,588 bytes; the large record is about 95 % of it. */
    static final int LARGE_NOTES = 1_000_000;

    /** A poison record as the broker took it, and the words its dead-letter reason must contain. */
    record Sent(String kind, String expectedReason, int partition, long offset, int bytes) {
    }

    /** A record found on a dead-letter topic: where it came from and why it is there. */
    record DeadLetter(String topic, String originTopic, int originPartition, long originOffset, String reason) {
    }

    /** What the dead-letter topics hold compared with the poison sent. */
    record Check(int expected, List<String> matched, List<String> missing, List<DeadLetter> unexpected) {
        boolean clean() {
            return missing.isEmpty() && unexpected.isEmpty();
        }
    }

    private Poison() {
    }

    /** Sends the four records (key and ce_subject a real client's id) and returns them once the broker has each. */
    static List<Sent> inject(String bootstrapServers, String clientId) throws InterruptedException {
        List<Sent> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = IngestRecords.producer(bootstrapServers, "crm-chaos-poison")) {
            sent.add(send(producer, "malformed JSON", "not valid JSON", clientId, "1.0", IngestRecords.SUBMITTED,
                    "{\"id\":\"" + UUID.randomUUID() + "\",\"clientId\":\"" + clientId + "\",\"channel\":"));
            sent.add(send(producer, "unknown event type", "is not accepted", clientId, "1.0", "crm.touchpoint.withdrawn",
                    touchpoint(clientId, "")));
            sent.add(send(producer, "unknown CloudEvents version", "spec version", clientId, "2.0", IngestRecords.SUBMITTED,
                    touchpoint(clientId, "")));
            sent.add(send(producer, "near the size limit", "notes", clientId, "1.0", IngestRecords.SUBMITTED,
                    touchpoint(clientId, "x".repeat(LARGE_NOTES))));
        }
        return sent;
    }

    /** Every poison record on the dead-letter topic with its reason, and no other dead letter anywhere. */
    static Check check(List<Sent> sent, List<DeadLetter> found) {
        List<DeadLetter> unexpected = new ArrayList<>(found);
        List<String> missing = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        for (Sent poison : sent) {
            DeadLetter letter = found.stream().filter(d -> d.topic().equals(DEAD_LETTER_TOPIC) && TOPIC.equals(d.originTopic())
                    && d.originPartition() == poison.partition() && d.originOffset() == poison.offset()).findFirst().orElse(null);
            if (letter == null) {
                missing.add(poison.kind() + ": not dead-lettered");
            } else if (letter.reason() == null || !letter.reason().contains(poison.expectedReason())) {
                missing.add(poison.kind() + ": dead-lettered, but the reason does not say '" + poison.expectedReason() + "': "
                        + letter.reason());
                unexpected.remove(letter);
            } else {
                matched.add(poison.kind() + ": " + letter.reason());
                unexpected.remove(letter);
            }
        }
        return new Check(sent.size(), matched, missing, unexpected);
    }

    private static String touchpoint(String clientId, String notes) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"clientId\":\"" + clientId + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"channel\":\"BRANCH\",\"initiator\":\"CLIENT\",\"type\":\"INQUIRY\",\"need\":\"CARDS\","
                + "\"outcome\":\"RESOLVED\",\"valence\":\"POSITIVE\"" + (notes.isEmpty() ? "" : ",\"notes\":\"" + notes + "\"") + "}";
    }

    private static Sent send(KafkaProducer<String, String> producer, String kind, String expectedReason, String clientId,
            String specVersion, String type, String data) throws InterruptedException {
        try {
            RecordMetadata at = producer.send(IngestRecords.record(clientId, specVersion, type, "/chaos/poison", data))
                    .get(30, TimeUnit.SECONDS);
            return new Sent(kind, expectedReason, at.partition(), at.offset(), data.getBytes(StandardCharsets.UTF_8).length);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send the poison record (" + kind + ") to " + TOPIC + ": " + e.getMessage(), e);
        }
    }
}
