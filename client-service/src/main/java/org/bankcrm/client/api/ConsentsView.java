package org.bankcrm.client.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bankcrm.client.domain.ConsentChange;
import org.bankcrm.client.domain.ConsentPurpose;

/** A client's consents now, and every answer given before, oldest first. */
public record ConsentsView(UUID clientId, ClientRequests.ConsentsBody current, List<Entry> history) {

    public record Entry(ConsentPurpose purpose, boolean granted, String source, Instant changedAt) {
        static Entry of(ConsentChange c) {
            return new Entry(c.purpose, c.granted, c.source, c.changedAt);
        }
    }
}
