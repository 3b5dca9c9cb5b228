package org.bankcrm.interaction.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A touchpoint as the caller described it: what a replay of the same {@code id} must repeat exactly.
 * The time is kept to the microsecond, the precision the database stores, so that a replay compares equal.
 */
public record TouchpointContent(UUID id, UUID clientId, Instant occurredAt, Channel channel, TouchpointType type,
        Initiator initiator, Need need, Outcome outcome, Valence valence, Cause cause, CauseDetail causeDetail,
        Integer csat, Integer nps, String employeeId, String notes) {

    public TouchpointContent {
        occurredAt = occurredAt == null ? null : occurredAt.truncatedTo(ChronoUnit.MICROS);
    }
}
