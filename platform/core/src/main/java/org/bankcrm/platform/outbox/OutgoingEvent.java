package org.bankcrm.platform.outbox;

import java.util.Map;
import java.util.Objects;

import org.bankcrm.platform.events.EventSequence;

/**
 * An event a service wants published: the topic, the CloudEvents type, the clientId (record key and
 * ce_subject), the data (serialised to JSON) and optional CloudEvents extension attributes, e.g.
 * {@code causationid} for the ce_id that triggered it.
 */
public record OutgoingEvent(String topic, String type, String clientId, Object data, Map<String, String> extensions) {

    /** Extension: the ce_id of the event that directly caused this one. */
    public static final String CAUSATION_ID = "causationid";
    /** Extension: the ce_id at the root of the chain (e.g. the touchpoint that started it all). */
    public static final String CORRELATION_ID = "correlationid";
    /** Extension: the producer's per-client sequence, stamped by the {@link Outbox}; never set by a service. */
    public static final String SEQUENCE = EventSequence.EXTENSION;

    public OutgoingEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(data, "data");
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        for (String name : extensions.keySet()) {
            if (!name.matches("[a-z0-9]{1,20}")) {
                throw new IllegalArgumentException("CloudEvents extension names are lower-case letters and digits: " + name);
            }
        }
    }

    public static OutgoingEvent of(String topic, String type, String clientId, Object data) {
        return new OutgoingEvent(topic, type, clientId, data, Map.of());
    }

    /**
     * Marks this event as caused by {@code cause}: its ce_id becomes the causation id, and the cause's
     * correlation id (or, at the root of a chain, its own ce_id) the correlation id, so a whole chain
     * (touchpoint → loyalty score → decision) can be traced and timed.
     */
    public OutgoingEvent causedBy(org.bankcrm.platform.events.IncomingEvent cause) {
        String root = cause.extension(CORRELATION_ID) != null ? cause.extension(CORRELATION_ID) : cause.id();
        return withExtension(CAUSATION_ID, cause.id()).withExtension(CORRELATION_ID, root);
    }

    public OutgoingEvent withExtension(String name, String value) {
        if (value == null) {
            return this;
        }
        var merged = new java.util.HashMap<>(extensions);
        merged.put(name, value);
        return new OutgoingEvent(topic, type, clientId, data, merged);
    }
}
