package org.bankcrm.client.domain;

import java.time.LocalDate;

/** What a channel may set on a client: everything but the id, the value and the segments. */
public record ClientDetails(String externalRef, ClientType type, String fullName, LocalDate birthDate, String email,
        String phone, IncomeBracket incomeBracket, LocalDate customerSince, Consents consents, Channel preferredChannel,
        ClientProfile profile) {

    public ClientDetails {
        profile = profile == null ? ClientProfile.NONE : profile;
    }

    /** Details that state no profile. */
    public ClientDetails(String externalRef, ClientType type, String fullName, LocalDate birthDate, String email,
            String phone, IncomeBracket incomeBracket, LocalDate customerSince, Consents consents, Channel preferredChannel) {
        this(externalRef, type, fullName, birthDate, email, phone, incomeBracket, customerSince, consents, preferredChannel,
                ClientProfile.NONE);
    }

    public ClientDetails withConsents(Consents next) {
        return new ClientDetails(externalRef, type, fullName, birthDate, email, phone, incomeBracket, customerSince, next,
                preferredChannel, profile);
    }

    public ClientDetails withCustomerSince(LocalDate since) {
        return new ClientDetails(externalRef, type, fullName, birthDate, email, phone, incomeBracket, since, consents,
                preferredChannel, profile);
    }
}
