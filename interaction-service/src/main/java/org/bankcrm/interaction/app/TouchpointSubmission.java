package org.bankcrm.interaction.app;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.bankcrm.interaction.domain.Cause;
import org.bankcrm.interaction.domain.CauseDetail;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.Initiator;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.interaction.domain.Outcome;
import org.bankcrm.interaction.domain.StatedNeed;
import org.bankcrm.interaction.domain.StatedNeedCode;
import org.bankcrm.interaction.domain.TouchpointContent;
import org.bankcrm.interaction.domain.TouchpointType;
import org.bankcrm.interaction.domain.Valence;

/**
 * A touchpoint as a channel posts it ({@code POST /api/v1/interactions}) and as another bank system sends it
 * ({@code crm.touchpoint.submitted} on {@code crm.touchpoint.ingest.v1}): one record, so both ways in accept
 * exactly the same fields with the same checks.
 */
public record TouchpointSubmission(
        @NotNull UUID id,
        @NotNull UUID clientId,
        @NotNull Instant occurredAt,
        @NotNull Channel channel,
        @NotNull TouchpointType type,
        @NotNull Initiator initiator,
        @NotNull Need need,
        @NotNull Outcome outcome,
        @NotNull Valence valence,
        Cause cause,
        CauseDetail causeDetail,
        @Min(1) @Max(5) Integer csat,
        @Min(0) @Max(10) Integer nps,
        @Size(max = 64) String employeeId,
        @Size(max = 4000) String notes,
        @Size(max = 13) List<@Valid @NotNull StatedNeedSubmission> statedNeeds) {

    public static final int MAX_NOTES = 4000;

    /** One need or motive the client stated: its code and, optionally, a note in the client's words. */
    public record StatedNeedSubmission(@NotNull StatedNeedCode code, @Size(max = StatedNeed.MAX_NOTE) String note) {
    }

    /** Without stated needs (the form before they existed). */
    public TouchpointSubmission(UUID id, UUID clientId, Instant occurredAt, Channel channel, TouchpointType type,
            Initiator initiator, Need need, Outcome outcome, Valence valence, Cause cause, CauseDetail causeDetail,
            Integer csat, Integer nps, String employeeId, String notes) {
        this(id, clientId, occurredAt, channel, type, initiator, need, outcome, valence, cause, causeDetail, csat, nps,
                employeeId, notes, null);
    }

    public TouchpointContent toContent() {
        List<StatedNeed> needs = statedNeeds == null ? null
                : statedNeeds.stream().map(n -> n == null ? null : new StatedNeed(n.code(), blankToNull(n.note()))).toList();
        return new TouchpointContent(id, clientId, occurredAt, channel, type, initiator, need, outcome, valence, cause,
                causeDetail, csat, nps, blankToNull(employeeId), blankToNull(notes), needs);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
