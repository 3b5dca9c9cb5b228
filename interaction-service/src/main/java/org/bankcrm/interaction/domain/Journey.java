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
 * One need of one client across the contacts it took: how many, on which channel it began, whether and how
 * it was finally met, and whether the first contact already met it (first-contact resolution). A journey
 * that begins shortly after another one on the same need was resolved repeats it (failure demand).
 */
@Entity
@Table(name = "journey")
public class Journey {
    @Id
    public UUID id;
    @Column(name = "client_id", nullable = false)
    public UUID clientId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Need need;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JourneyStatus status;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "last_contact_at", nullable = false)
    public Instant lastContactAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    /** When the latest contact was recorded here (its occurredAt may be much earlier: a backfill, a late report). */
    @Column(name = "last_recorded_at", nullable = false)
    public Instant lastRecordedAt;
    @Column(nullable = false)
    public int contacts;
    @Enumerated(EnumType.STRING)
    @Column(name = "first_channel", nullable = false)
    public Channel firstChannel;
    @Enumerated(EnumType.STRING)
    @Column(name = "resolved_by_channel")
    public Channel resolvedByChannel;
    @Enumerated(EnumType.STRING)
    @Column(name = "resolved_by_type")
    public TouchpointType resolvedByType;
    @Column(name = "first_contact_resolution", nullable = false)
    public boolean firstContactResolution;
    /** The resolved journey this one repeats, when it began within the repeat-contact window after it. */
    @Column(name = "repeat_of")
    public UUID repeatOf;

    /** A journey begun by its first contact; closed at once when that contact resolved the need. */
    public static Journey begin(UUID id, Touchpoint first, UUID repeatOf) {
        Journey j = new Journey();
        j.id = id;
        j.clientId = first.clientId;
        j.need = first.need;
        j.status = JourneyStatus.OPEN;
        j.startedAt = first.occurredAt;
        j.lastContactAt = first.occurredAt;
        j.firstChannel = first.channel;
        j.repeatOf = repeatOf;
        j.add(first);
        return j;
    }

    /** One more contact about the need; a resolving one closes the journey. */
    public void add(Touchpoint contact) {
        contacts++;
        if (lastRecordedAt == null || contact.recordedAt.isAfter(lastRecordedAt)) {
            lastRecordedAt = contact.recordedAt;
        }
        if (contact.occurredAt.isAfter(lastContactAt)) {
            lastContactAt = contact.occurredAt;
        }
        if (contact.occurredAt.isBefore(startedAt)) {
            startedAt = contact.occurredAt;
        }
        if (contact.outcome == Outcome.RESOLVED && status == JourneyStatus.OPEN) {
            status = JourneyStatus.RESOLVED;
            closedAt = contact.occurredAt;
            resolvedByChannel = contact.channel;
            resolvedByType = contact.type;
            firstContactResolution = contacts == 1;
        }
    }

    /** Closes a journey whose need was not met before the client went quiet for the whole window. */
    public void abandon(Instant at) {
        status = JourneyStatus.ABANDONED;
        closedAt = at;
    }

    public boolean isOpen() {
        return status == JourneyStatus.OPEN;
    }
}
