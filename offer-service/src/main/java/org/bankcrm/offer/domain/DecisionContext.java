package org.bankcrm.offer.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One decision's inputs: the client, the channel asking, what triggered it, when, the contact history, why the
 * client is at the channel (null when the channel did not say, and for the event chain), and what the channel told of
 * the moment (context.features, already checked), and the date the contact is planned for (context.contactDate: an
 * outbound campaign decides ahead for a call on that day; null = the day of {@code now} in UTC).
 */
public record DecisionContext(ClientSnapshot client, Channel channel, String trigger, Instant now, ContactHistory history,
        ContactReason reason, Map<String, Double> told, LocalDate contactDate) {

    public DecisionContext {
        told = told == null ? Map.of() : Map.copyOf(told);
    }

    public DecisionContext(ClientSnapshot client, Channel channel, String trigger, Instant now, ContactHistory history,
            ContactReason reason, Map<String, Double> told) {
        this(client, channel, trigger, now, history, reason, told, null);
    }

    /** The day whose month and weekday the model sees: the planned contact date, else today (UTC). */
    public LocalDate calendarDate() {
        return contactDate != null ? contactDate : now == null ? null : LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    public DecisionContext(ClientSnapshot client, Channel channel, String trigger, Instant now, ContactHistory history,
            ContactReason reason) {
        this(client, channel, trigger, now, history, reason, Map.of());
    }

    public DecisionContext(ClientSnapshot client, Channel channel, String trigger, Instant now, ContactHistory history) {
        this(client, channel, trigger, now, history, null);
    }

    /** A negative experience the bank caused, recent enough to put service recovery first. */
    public boolean recoveryNeeded(java.time.Duration window) {
        Instant last = client.lastNegativeBankCausedAt();
        return client.openComplaints() > 0 || (last != null && !last.isBefore(now.minus(window)));
    }
}
