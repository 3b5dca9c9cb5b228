package org.bankcrm.client.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.bankcrm.client.domain.AgeBand;
import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.domain.ValueStrategy;

/** A client as a search lists it; name, e-mail and phone only for a caller who serves clients one at a time. */
public record ClientSummary(UUID id, String externalRef, ClientType type, String fullName, AgeBand ageBand,
        String email, String phone, LocalDate customerSince, ValueQuadrant valueQuadrant, ValueStrategy strategy) {

    static ClientSummary of(Client c, LocalDate today, boolean withIdentifiers) {
        return new ClientSummary(c.id, c.externalRef, c.type, withIdentifiers ? c.fullName : null, c.ageBand(today),
                withIdentifiers ? c.email : null, withIdentifiers ? c.phone : null, c.customerSince, c.valueQuadrant,
                c.strategy);
    }

    /**
     * One page of results, {@code page} counted from 0: {@code total} matches in all, exact when
     * {@code totalExact}, otherwise the database's estimate of a search matching more than the count limit.
     */
    public record Page(List<ClientSummary> items, int page, int size, long total, boolean totalExact, long totalPages) {
    }
}
