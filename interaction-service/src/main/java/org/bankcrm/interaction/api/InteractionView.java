package org.bankcrm.interaction.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bankcrm.interaction.domain.Cause;
import org.bankcrm.interaction.domain.CauseDetail;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.Initiator;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.interaction.domain.OfferShown;
import org.bankcrm.interaction.domain.Outcome;
import org.bankcrm.interaction.domain.StatedNeed;
import org.bankcrm.interaction.domain.Touchpoint;
import org.bankcrm.interaction.domain.TouchpointType;
import org.bankcrm.interaction.domain.Valence;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A touchpoint as the channels read it: what was submitted (the needs and motives the client stated included: null
 * when none were asked), plus its journey and when it was recorded.
 */
public record InteractionView(UUID id, UUID clientId, Instant occurredAt, Channel channel, TouchpointType type,
        Initiator initiator, Need need, Outcome outcome, Valence valence, Cause cause, CauseDetail causeDetail,
        Integer csat, Integer nps, String employeeId, String notes, UUID journeyId, boolean repeatContact,
        Touchpoint.Origin origin, Instant recordedAt, UUID decisionId, List<OfferShown> offers,
        List<StatedNeed> statedNeeds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static InteractionView of(Touchpoint t) {
        return new InteractionView(t.id, t.clientId, t.occurredAt, t.channel, t.type, t.initiator, t.need, t.outcome,
                t.valence, t.cause, t.causeDetail, t.csat, t.nps, t.employeeId, t.notes, t.journeyId, t.repeatContact,
                t.origin, t.recordedAt, t.decisionId, offers(t.offers), statedNeeds(t.statedNeeds));
    }

    private static List<StatedNeed> statedNeeds(String json) {
        if (json == null) {
            return null;
        }
        try {
            return List.of(JSON.readValue(json, StatedNeed[].class));
        } catch (Exception e) {
            throw new IllegalStateException("stored stated needs cannot be read", e);
        }
    }

    private static List<OfferShown> offers(String json) {
        if (json == null) {
            return null;
        }
        try {
            return List.of(JSON.readValue(json, OfferShown[].class));
        } catch (Exception e) {
            throw new IllegalStateException("stored offers cannot be read", e);
        }
    }
}
