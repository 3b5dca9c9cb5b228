package org.bankcrm.platform.outbox;

import java.time.Instant;
import java.util.Map;

/** An outbox row not yet on the broker. */
record PendingEvent(long id, String eventId, String topic, String key, String type, String source, String subject,
        Instant occurredAt, String payload, Map<String, String> extensions) {
}
