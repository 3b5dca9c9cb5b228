package org.bankcrm.interaction.domain;

/** Whether the need was met by this contact. */
public enum Outcome {
    RESOLVED, UNRESOLVED, ESCALATED, PENDING
}
