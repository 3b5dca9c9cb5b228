package org.bankcrm.client.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.bankcrm.client.domain.AgeBand;
import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.IncomeBracket;

/** A client as the channels read it. */
public record ClientView(UUID id, String externalRef, ClientType type, String fullName, LocalDate birthDate,
        AgeBand ageBand, String email, String phone, IncomeBracket incomeBracket, LocalDate customerSince,
        ClientRequests.ConsentsBody consents, Instant createdAt, Instant updatedAt) {

    static ClientView of(Client c, LocalDate today) {
        return new ClientView(c.id, c.externalRef, c.type, c.fullName, c.birthDate, c.ageBand(today), c.email, c.phone,
                c.incomeBracket, c.customerSince, ClientRequests.ConsentsBody.of(c.consents), c.createdAt, c.updatedAt);
    }
}
