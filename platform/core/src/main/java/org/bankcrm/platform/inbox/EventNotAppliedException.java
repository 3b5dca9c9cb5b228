package org.bankcrm.platform.inbox;

/**
 * Why a record a consumer could not read or apply went to the DLQ. Its message, the DLQ record's {@code dead-letter-reason},
 * names the consumer (several services read one topic and share its DLQ) and what went wrong; the
 * original exception is the {@code dead-letter-cause}.
 */
public class EventNotAppliedException extends RuntimeException {
    public EventNotAppliedException(String consumer, Throwable cause) {
        super(consumer + ": " + cause.getMessage(), cause);
    }
}
