package org.bankcrm.platform.events;

/**
 * A record that cannot be read or applied. Thrown from a consumer, it nacks the record, which the
 * connector's dead-letter-queue strategy sends to {@code <topic>.dlq} with this message as the reason.
 */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
