package org.bankcrm.platform.events;

import java.util.Optional;

/**
 * The producer's per-client sequence of an event (CloudEvents extension {@code sequence}, Kafka header
 * {@code ce_sequence}). A consumer of state-carrying events applies an event only if its sequence is above the last
 * one it applied from that producer for that client ({@code AppliedSequences}); an event without one (a producer not
 * upgraded yet) carries no order and is applied.
 */
public record EventSequence(long value) {
    public static final String EXTENSION = "sequence";

    public EventSequence {
        if (value < 1) {
            throw new MalformedEventException("ce_" + EXTENSION + " must be a positive integer");
        }
    }

    /** The event's sequence; empty when the producer sent none; a value that is not a positive integer is malformed. */
    public static Optional<EventSequence> of(IncomingEvent event) {
        String raw = event.extension(EXTENSION);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EventSequence(Long.parseLong(raw.trim())));
        } catch (NumberFormatException e) {
            throw new MalformedEventException("ce_" + EXTENSION + " must be a positive integer");
        }
    }
}
