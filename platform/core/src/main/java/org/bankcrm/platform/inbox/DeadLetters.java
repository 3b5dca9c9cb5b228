package org.bankcrm.platform.inbox;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bankcrm.platform.events.CloudEventHeaders;
import org.bankcrm.platform.kafka.ProducerSettings;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Writes dead letters to {@code <topic>.dlq} with one idempotent, acks=all producer per service, configured like the
 * outbox relay's (bootstrap servers and every {@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*}
 * setting). A record too large for the dead-letter topic (refused by the producer or the broker) goes as a reference
 * instead: its size, topic, partition, offset, key, the reason and its first bytes, so no record can stop a consumer.
 * Any other failure (broker unreachable) fails the send; the caller tries again later.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    /** Present on a reference: the size of the record that did not fit. */
    public static final String REFERENCE_SIZE = "dead-letter-reference-size";
    private static final int MAX_TEXT = 1024;

    private final InboxConfig config;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final Properties producerConfig;
    // send() may wait max.block.ms for metadata: never on an event loop
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "crm-dead-letters");
        t.setDaemon(true);
        return t;
    });
    private Producer<String, byte[]> producer;

    public DeadLetters(Config mpConfig, InboxConfig config, MeterRegistry metrics, ObjectMapper json) {
        this.config = config;
        this.metrics = metrics;
        this.json = json;
        String service = mpConfig.getOptionalValue("quarkus.application.name", String.class).orElse("crm");
        this.producerConfig = ProducerSettings.reliable(mpConfig.getValue("kafka.bootstrap.servers", String.class),
                service + "-dead-letters", ProducerSettings.security(name -> mpConfig.getOptionalValue(name, String.class)),
                config.deadLetter().deliveryTimeout(), config.deadLetter().maxBlock());
    }

    /**
     * Sends the record as it came plus the dead-letter headers; one too large for the topic goes as a reference.
     * Completes once the broker has it; fails when the broker cannot be reached (nothing is lost: try again).
     */
    public Uni<Void> send(DeadLetter letter) {
        return deliver(copy(letter))
                .onFailure(e -> causedBy(e, RecordTooLargeException.class)).recoverWithUni(e -> {
                    LOG.warnf("%s: record %s-%d@%d (%d bytes) is too large for %s, dead-lettered as a reference: %s",
                            letter.reason(), letter.topic(), letter.partition(), letter.offset(), letter.size(),
                            letter.deadLetterTopic(), e.getMessage());
                    return deliver(reference(letter))
                            .onFailure(f -> causedBy(f, RecordTooLargeException.class)).recoverWithItem(f -> {
                                // a reference is about 2 KiB: only a misconfigured topic refuses it, and retrying cannot help
                                LOG.errorf("%s: even the reference to record %s-%d@%d is too large for %s; it is not dead-lettered",
                                        letter.reason(), letter.topic(), letter.partition(), letter.offset(), letter.deadLetterTopic());
                                metrics.counter("crm.dead-letters.lost", "topic", letter.topic()).increment();
                                return null;
                            });
                });
    }

    /** Sends several dead letters; fails if any could not be sent (those that were stay on the topic). */
    public Uni<Void> sendAll(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(letters.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private ProducerRecord<String, byte[]> copy(DeadLetter letter) {
        var record = new ProducerRecord<String, byte[]>(letter.deadLetterTopic(), letter.key(), letter.value());
        for (Header header : letter.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                record.headers().add(header);
            }
        }
        addDeadLetterHeaders(record, letter, letter.reason(), letter.cause());
        return record;
    }

    private ProducerRecord<String, byte[]> reference(DeadLetter letter) {
        int size = letter.size();
        String reason = truncate(letter.reason()) + " (record of " + size + " bytes, too large for " + letter.deadLetterTopic()
                + ": dead-lettered as a reference with its first " + config.deadLetter().headBytes() + " bytes)";
        ObjectNode body = json.createObjectNode();
        body.put("deadLetterReference", true);
        body.put("size", size);
        body.put("topic", letter.topic());
        body.put("partition", letter.partition());
        body.put("offset", letter.offset());
        body.put("key", truncate(letter.key()));
        body.put("reason", truncate(letter.reason()));
        body.put("head", head(letter.value(), config.deadLetter().headBytes()));
        byte[] value;
        try {
            value = json.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a dead-letter reference", e);
        }
        var record = new ProducerRecord<String, byte[]>(letter.deadLetterTopic(), truncate(letter.key()), value);
        // the CloudEvents identity of the record, when short, so the reference can be traced to its sender
        for (String name : List.of(CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE, CloudEventHeaders.SUBJECT)) {
            letter.headers().stream().filter(h -> h.key().equals(name) && h.value() != null && h.value().length <= 256)
                    .reduce((first, second) -> second).ifPresent(h -> record.headers().add(h));
        }
        addDeadLetterHeaders(record, letter, reason, truncate(letter.cause()));
        record.headers().add(header(REFERENCE_SIZE, Integer.toString(size)));
        return record;
    }

    private static void addDeadLetterHeaders(ProducerRecord<String, byte[]> record, DeadLetter letter, String reason, String cause) {
        record.headers().add(header(REASON, reason == null ? "" : reason));
        if (cause != null) {
            record.headers().add(header(CAUSE, cause));
        }
        record.headers().add(header(TOPIC, letter.topic()));
        record.headers().add(header(PARTITION, Integer.toString(letter.partition())));
        record.headers().add(header(OFFSET, Long.toString(letter.offset())));
    }

    private Uni<Void> deliver(ProducerRecord<String, byte[]> record) {
        return Uni.createFrom().<Void>emitter(emitter -> sender.execute(() -> {
            try {
                producer().send(record, (metadata, failure) -> {
                    if (failure == null) {
                        emitter.complete(null);
                    } else {
                        failed(failure);
                        emitter.fail(failure);
                    }
                });
            } catch (RuntimeException e) {
                failed(e);
                emitter.fail(e);
            }
        }));
    }

    private void failed(Throwable failure) {
        if (!causedBy(failure, RecordTooLargeException.class)) {
            // a producer that lost records may hold stale sequence state; the next send starts afresh
            resetProducer();
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }

    /** The first bytes of the value as text (a character cut in two shows as U+FFFD). */
    static String head(byte[] value, int bytes) {
        if (value == null) {
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer text = CharBuffer.allocate(bytes);
        decoder.decode(ByteBuffer.wrap(value, 0, Math.min(bytes, value.length)), text, true);
        return text.flip().toString();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    private synchronized void resetProducer() {
        if (producer != null) {
            Producer<String, byte[]> old = producer;
            producer = null;
            // closed off the producer's own I/O thread, which may be the one calling back here
            sender.execute(() -> old.close(Duration.ZERO));
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        sender.shutdown();
    }
}
