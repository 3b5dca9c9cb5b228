package org.bankcrm.client.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of the audit trail: who ({@code principal} and its roles) read or changed which client, when,
 * through which endpoint ({@code method} and the {@code route} template) and with what HTTP status.
 * It carries no personal data beyond the client id; {@code clientId} is null for a registration that
 * failed before a client existed.
 */
public record AccessRecord(Instant occurredAt, UUID clientId, String principal, List<String> roles, String method,
        String route, int status, String requestId) {

    public AccessRecord {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
