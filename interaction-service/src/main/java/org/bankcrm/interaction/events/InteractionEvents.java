package org.bankcrm.interaction.events;

import java.time.Instant;
import java.util.UUID;

import org.bankcrm.interaction.domain.Cause;
import org.bankcrm.interaction.domain.CauseDetail;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.Initiator;
import org.bankcrm.interaction.domain.Journey;
import org.bankcrm.interaction.domain.JourneyStatus;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.interaction.domain.Outcome;
import org.bankcrm.interaction.domain.Touchpoint;
import org.bankcrm.interaction.domain.TouchpointType;
import org.bankcrm.interaction.domain.Valence;
import org.bankcrm.platform.outbox.OutgoingEvent;

/**
 * The events interaction-service publishes on {@value #TOPIC}. Payloads carry the experience record and
 * no personal data: never the free-text notes or the employee id. Contracts: {@code src/main/resources/contracts/}.
 */
public final class InteractionEvents {
    public static final String TOPIC = "crm.interaction.events.v1";
    public static final String RECORDED = "crm.interaction.recorded";
    public static final String JOURNEY_CLOSED = "crm.interaction.journey-closed";

    private InteractionEvents() {
    }

    public record Recorded(UUID interactionId, UUID clientId, Instant occurredAt, Channel channel, TouchpointType type,
            Initiator initiator, Need need, Outcome outcome, Valence valence, Cause cause, CauseDetail causeDetail,
            Integer csat, Integer nps, UUID journeyId, boolean repeatContact, Instant recordedAt) {
    }

    public record JourneyClosed(UUID journeyId, UUID clientId, Need need, JourneyStatus status, Instant startedAt,
            Instant closedAt, int contacts, boolean firstContactResolution, Channel firstChannel,
            Channel resolvedByChannel, TouchpointType resolvedByType, UUID repeatOf) {
    }

    public static OutgoingEvent journeyClosed(Journey j) {
        var data = new JourneyClosed(j.id, j.clientId, j.need, j.status, j.startedAt, j.closedAt, j.contacts,
                j.firstContactResolution, j.firstChannel, j.resolvedByChannel, j.resolvedByType, j.repeatOf);
        return OutgoingEvent.of(TOPIC, JOURNEY_CLOSED, j.clientId.toString(), data);
    }

    public static OutgoingEvent recorded(Touchpoint t) {
        var data = new Recorded(t.id, t.clientId, t.occurredAt, t.channel, t.type, t.initiator, t.need, t.outcome,
                t.valence, t.cause, t.causeDetail, t.csat, t.nps, t.journeyId, t.repeatContact, t.recordedAt);
        return OutgoingEvent.of(TOPIC, RECORDED, t.clientId.toString(), data);
    }
}
