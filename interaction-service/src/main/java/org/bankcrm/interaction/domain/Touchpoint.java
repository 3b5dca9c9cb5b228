package org.bankcrm.interaction.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One contact between the bank and a client, on any channel, with the experience record it left: the
 * client's need, whether it was met (outcome), how it felt (valence) and who caused that (cause, causeDetail).
 */
@Entity
@Table(name = "touchpoint")
public class Touchpoint {
    /** Where a touchpoint came in. */
    public enum Origin {
        /** a channel, POST /api/v1/interactions */
        REST,
        /** another bank system, crm.touchpoint.ingest.v1 */
        KAFKA,
        /** offer-service's decisions and responses, crm.offer.events.v1: no recorded event, no journey, no counters */
        OFFER_EVENTS
    }

    @Id
    public UUID id;
    @Column(name = "client_id", nullable = false)
    public UUID clientId;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TouchpointType type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Initiator initiator;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Need need;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Valence valence;
    @Enumerated(EnumType.STRING)
    public Cause cause;
    @Enumerated(EnumType.STRING)
    @Column(name = "cause_detail")
    public CauseDetail causeDetail;
    public Integer csat;
    public Integer nps;
    @Column(name = "employee_id")
    public String employeeId;
    public String notes;
    @Column(name = "journey_id")
    public UUID journeyId;
    @Column(name = "repeat_contact", nullable = false)
    public boolean repeatContact;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Origin origin;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
    /** The offer decision an OFFER_* touchpoint from offer-service belongs to. */
    @Column(name = "decision_id")
    public UUID decisionId;
    /** The offers shown or answered, a JSON array of {@link OfferShown} (OFFER_* touchpoints from offer-service). */
    public String offers;
    /**
     * The needs and motives the client stated, a JSON array of {@link StatedNeed} written by the app layer; null when
     * none were asked, {@code []} when the client stated none.
     */
    @Column(name = "stated_needs")
    public String statedNeeds;

    public static Touchpoint of(TouchpointContent content, Origin origin, Instant recordedAt) {
        Touchpoint t = new Touchpoint();
        t.id = content.id();
        t.clientId = content.clientId();
        t.occurredAt = content.occurredAt();
        t.channel = content.channel();
        t.type = content.type();
        t.initiator = content.initiator();
        t.need = content.need();
        t.outcome = content.outcome();
        t.valence = content.valence();
        t.cause = content.cause();
        t.causeDetail = content.causeDetail();
        t.csat = content.csat();
        t.nps = content.nps();
        t.employeeId = content.employeeId();
        t.notes = content.notes();
        t.origin = origin;
        t.recordedAt = recordedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return t;
    }

    public TouchpointContent content() {
        return new TouchpointContent(id, clientId, occurredAt, channel, type, initiator, need, outcome, valence, cause,
                causeDetail, csat, nps, employeeId, notes);
    }

    /** Whether {@code replay} repeats this touchpoint's fields (its stated needs, kept as JSON, are compared by the caller). */
    public boolean isRepeatedBy(TouchpointContent replay) {
        return content().equals(replay.withStatedNeeds(null));
    }

    public boolean isNegativeAndBankCaused() {
        return valence == Valence.NEGATIVE && cause == Cause.BANK;
    }
}
