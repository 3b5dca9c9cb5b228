package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What was already presented to and answered by the client, as far as the contact policy and the propensity features
 * look back: the latest decline per offer, the sales presented this week, and the answered contacts.
 */
public record ContactHistory(Map<UUID, Instant> lastDeclinedAt, int salesPresentationsLastWeek, List<PastContact> contacts) {
    public static final ContactHistory NONE = new ContactHistory(Map.of(), 0, List.of());

    public ContactHistory {
        lastDeclinedAt = Map.copyOf(lastDeclinedAt);
        // decisions stored before contacts were kept read back without them
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    public ContactHistory(Map<UUID, Instant> lastDeclinedAt, int salesPresentationsLastWeek) {
        this(lastDeclinedAt, salesPresentationsLastWeek, List.of());
    }
}
