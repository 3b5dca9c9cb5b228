package org.bankcrm.interaction.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.bankcrm.interaction.domain.Cause;
import org.bankcrm.interaction.domain.CauseDetail;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.Initiator;
import org.bankcrm.interaction.domain.Journey;
import org.bankcrm.interaction.domain.JourneyStatus;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.interaction.domain.Outcome;
import org.bankcrm.interaction.domain.StatedNeed;
import org.bankcrm.interaction.domain.StatedNeedCode;
import org.bankcrm.interaction.domain.Touchpoint;
import org.bankcrm.interaction.domain.TouchpointType;
import org.bankcrm.interaction.domain.Valence;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.outbox.OutgoingEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The events interaction-service publishes on {@value #TOPIC}. Payloads carry the experience record and
 * no personal data: never the free-text notes or the employee id. Contracts: {@code src/main/resources/contracts/}.
 */
public final class InteractionEvents {
    public static final String TOPIC = "crm.interaction.events.v1";
    public static final String RECORDED = "crm.interaction.recorded";
    public static final String JOURNEY_CLOSED = "crm.interaction.journey-closed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InteractionEvents() {
    }

    public record Recorded(UUID interactionId, UUID clientId, Instant occurredAt, Channel channel, TouchpointType type,
            Initiator initiator, Need need, Outcome outcome, Valence valence, Cause cause, CauseDetail causeDetail,
            Integer csat, Integer nps, UUID journeyId, boolean repeatContact, Instant recordedAt,
            List<StatedNeedCode> statedNeeds) {
    }

    public record JourneyClosed(UUID journeyId, UUID clientId, Need need, JourneyStatus status, Instant startedAt,
            Instant closedAt, int contacts, boolean firstContactResolution, Channel firstChannel,
            Channel resolvedByChannel, TouchpointType resolvedByType, UUID repeatOf) {
    }

    /**
     * Where an event's chain comes from: the ce_id that caused it ({@code ce_causationid}) and the ce_id at the root
     * of the chain ({@code ce_correlationid}), e.g. a crm.touchpoint.submitted and what it came from.
     */
    public record Chain(String causationId, String correlationId) {

        /** The chain of an event caused by {@code cause}: its ce_id, and its correlation id or else its ce_id. */
        public static Chain causedBy(IncomingEvent cause) {
            String root = cause.extension(OutgoingEvent.CORRELATION_ID);
            return new Chain(cause.id(), root != null ? root : cause.id());
        }

        /** The chain of an event caused by the event {@code causeId} published here in {@code causeChain} (or none). */
        public static Chain causedBy(UUID causeId, Chain causeChain) {
            return new Chain(causeId.toString(), causeChain != null ? causeChain.correlationId() : causeId.toString());
        }

        OutgoingEvent applyTo(OutgoingEvent event) {
            return event.withExtension(OutgoingEvent.CAUSATION_ID, causationId)
                    .withExtension(OutgoingEvent.CORRELATION_ID, correlationId);
        }
    }

    /** crm.interaction.journey-closed caused by {@code chain} (the touchpoint that closed it), or starting one. */
    public static OutgoingEvent journeyClosed(Journey j, Chain chain) {
        return chain == null ? journeyClosed(j) : chain.applyTo(journeyClosed(j));
    }

    /** crm.interaction.recorded caused by {@code chain} (the record it came in over the ingest topic), or a new chain. */
    public static OutgoingEvent recorded(Touchpoint t, Chain chain) {
        return chain == null ? recorded(t) : chain.applyTo(recorded(t));
    }

    public static OutgoingEvent journeyClosed(Journey j) {
        var data = new JourneyClosed(j.id, j.clientId, j.need, j.status, j.startedAt, j.closedAt, j.contacts,
                j.firstContactResolution, j.firstChannel, j.resolvedByChannel, j.resolvedByType, j.repeatOf);
        return OutgoingEvent.of(TOPIC, JOURNEY_CLOSED, j.clientId.toString(), data);
    }

    public static OutgoingEvent recorded(Touchpoint t) {
        var data = new Recorded(t.id, t.clientId, t.occurredAt, t.channel, t.type, t.initiator, t.need, t.outcome,
                t.valence, t.cause, t.causeDetail, t.csat, t.nps, t.journeyId, t.repeatContact, t.recordedAt,
                statedNeedCodes(t.statedNeeds));
        return OutgoingEvent.of(TOPIC, RECORDED, t.clientId.toString(), data);
    }

    /** The codes of the stated needs only: the notes are the client's words, personal data that stays here. */
    static List<StatedNeedCode> statedNeedCodes(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Arrays.stream(JSON.readValue(json, StatedNeed[].class)).map(StatedNeed::code).toList();
        } catch (Exception e) {
            throw new IllegalStateException("stored stated needs cannot be read", e);
        }
    }
}
