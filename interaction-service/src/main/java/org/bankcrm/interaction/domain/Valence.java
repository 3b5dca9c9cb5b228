package org.bankcrm.interaction.domain;

/** Whether the experience was positive, neutral or negative for the client. */
public enum Valence {
    POSITIVE, NEUTRAL, NEGATIVE
}
