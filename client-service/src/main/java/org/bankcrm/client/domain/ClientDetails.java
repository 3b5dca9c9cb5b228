package org.bankcrm.client.domain;

import java.time.LocalDate;

/** What a channel may set on a client: everything but the id, the value and the segments. */
public record ClientDetails(String externalRef, ClientType type, String fullName, LocalDate birthDate, String email,
        String phone, IncomeBracket incomeBracket, LocalDate customerSince, Consents consents, Channel preferredChannel) {
}
