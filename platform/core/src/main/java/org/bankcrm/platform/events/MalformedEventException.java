package org.bankcrm.platform.events;

/**
 * A record that cannot be read or applied. Thrown from a consumer's effect, it sends the record to
 * {@code <topic>.dlq} at once (no retry) with this message as the reason (the platform's Inbox).
 */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
