package org.bankcrm.interaction.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Which contacts make up a journey, and which are failure demand. Contacts of one client about one need form
 * one journey while each comes within {@code window} of the one before; a journey closes when a contact
 * resolves the need, or as abandoned once the window passes without a contact. A contact that begins a new
 * journey on the same need within {@code repeatContactWindow} of a resolving contact is a repeat contact:
 * the need was reported met, yet the client had to come back.
 */
public final class JourneyRules {
    /** Offers and survey answers are the bank's doing or an echo of a contact, not a contact about a need. */
    private static final Set<TouchpointType> NOT_ABOUT_A_NEED = Set.of(TouchpointType.OFFER_PRESENTED,
            TouchpointType.OFFER_RESPONSE, TouchpointType.SURVEY_RESPONSE);

    private final Duration window;
    private final Duration repeatContactWindow;
    private final Duration lateContactGrace;

    /**
     * @param lateContactGrace how long after the last contact recorded on an open journey it is left open for
     *        contacts reported late (or backfilled), even when their time says the window has passed
     */
    public JourneyRules(Duration window, Duration repeatContactWindow, Duration lateContactGrace) {
        this.window = window;
        this.repeatContactWindow = repeatContactWindow;
        this.lateContactGrace = lateContactGrace;
    }

    public Duration lateContactGrace() {
        return lateContactGrace;
    }

    public Duration window() {
        return window;
    }

    public boolean formsJourney(TouchpointType type) {
        return !NOT_ABOUT_A_NEED.contains(type);
    }

    /**
     * Whether a contact at {@code occurredAt} continues the open journey on its need: within the window after
     * its last contact, and, for a contact reported late, not more than the window before its first one.
     */
    public boolean continues(Journey open, Instant occurredAt) {
        return open.isOpen() && !occurredAt.isAfter(open.lastContactAt.plus(window))
                && !occurredAt.isBefore(open.startedAt.minus(window));
    }

    /** When an open journey counts as abandoned: the window after its last contact. */
    public Instant abandonedAt(Journey open) {
        return open.lastContactAt.plus(window);
    }

    /**
     * Whether the sweep may close the open journey as abandoned at {@code now}: the window after its last
     * contact has passed, and no contact was recorded on it within the late-contact grace.
     */
    public boolean isAbandoned(Journey open, Instant now) {
        return open.isOpen() && now.isAfter(abandonedAt(open)) && now.isAfter(open.lastRecordedAt.plus(lateContactGrace));
    }

    /** Whether a contact beginning a new journey repeats {@code lastResolved} on the same need (failure demand). */
    public boolean isRepeatContact(Journey lastResolved, Instant occurredAt) {
        return lastResolved != null && lastResolved.status == JourneyStatus.RESOLVED
                && !occurredAt.isBefore(lastResolved.closedAt)
                && !occurredAt.isAfter(lastResolved.closedAt.plus(repeatContactWindow));
    }
}
