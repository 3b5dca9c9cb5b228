package org.bankcrm.platform.outbox;

import java.util.Map;
import java.util.Objects;

/**
 * An event a service wants published: the topic, the CloudEvents type, the clientId (record key and
 * ce_subject), the data (serialised to JSON) and optional CloudEvents extension attributes, e.g.
 * {@code causationid} for the ce_id that triggered it.
 */
public record OutgoingEvent(String topic, String type, String clientId, Object data, Map<String, String> extensions) {

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

    public OutgoingEvent withExtension(String name, String value) {
        if (value == null) {
            return this;
        }
        var merged = new java.util.HashMap<>(extensions);
        merged.put(name, value);
        return new OutgoingEvent(topic, type, clientId, data, merged);
    }
}
