package org.bankcrm.offer.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** What was already presented to and answered by the client, as far as the contact policy looks back. */
public record ContactHistory(Map<UUID, Instant> lastDeclinedAt, int salesPresentationsLastWeek) {
    public static final ContactHistory NONE = new ContactHistory(Map.of(), 0);

    public ContactHistory {
        lastDeclinedAt = Map.copyOf(lastDeclinedAt);
    }
}
