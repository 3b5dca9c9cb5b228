package org.bankcrm.interaction.domain;

/** How a journey stands: still open, closed because the need was met, or closed because the client went quiet. */
public enum JourneyStatus {
    OPEN, RESOLVED, ABANDONED
}
