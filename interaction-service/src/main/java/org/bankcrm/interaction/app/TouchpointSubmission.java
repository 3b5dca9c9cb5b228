package org.bankcrm.interaction.app;

import java.time.Instant;
import java.util.UUID;

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
        @Size(max = 4000) String notes) {

    public static final int MAX_NOTES = 4000;

    public TouchpointContent toContent() {
        return new TouchpointContent(id, clientId, occurredAt, channel, type, initiator, need, outcome, valence, cause,
                causeDetail, csat, nps, blankToNull(employeeId), blankToNull(notes));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
