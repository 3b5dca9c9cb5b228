package org.bankcrm.interaction.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A touchpoint as the caller described it: what a replay of the same {@code id} must repeat exactly.
 * The time is kept to the microsecond, the precision the database stores, so that a replay compares equal.
 * {@code statedNeeds}: the needs and motives the client stated (null: none asked; empty: the client stated none).
 */
public record TouchpointContent(UUID id, UUID clientId, Instant occurredAt, Channel channel, TouchpointType type,
        Initiator initiator, Need need, Outcome outcome, Valence valence, Cause cause, CauseDetail causeDetail,
        Integer csat, Integer nps, String employeeId, String notes, List<StatedNeed> statedNeeds) {

    public TouchpointContent {
        occurredAt = occurredAt == null ? null : occurredAt.truncatedTo(ChronoUnit.MICROS);
        statedNeeds = statedNeeds == null ? null : List.copyOf(statedNeeds);
    }

    /** A touchpoint without stated needs. */
    public TouchpointContent(UUID id, UUID clientId, Instant occurredAt, Channel channel, TouchpointType type,
            Initiator initiator, Need need, Outcome outcome, Valence valence, Cause cause, CauseDetail causeDetail,
            Integer csat, Integer nps, String employeeId, String notes) {
        this(id, clientId, occurredAt, channel, type, initiator, need, outcome, valence, cause, causeDetail, csat, nps,
                employeeId, notes, null);
    }

    public TouchpointContent withStatedNeeds(List<StatedNeed> needs) {
        return new TouchpointContent(id, clientId, occurredAt, channel, type, initiator, need, outcome, valence, cause,
                causeDetail, csat, nps, employeeId, notes, needs);
    }
}
