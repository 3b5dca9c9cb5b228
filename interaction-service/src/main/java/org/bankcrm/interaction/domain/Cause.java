package org.bankcrm.interaction.domain;

/** Who caused the experience. */
public enum Cause {
    CLIENT, BANK, THIRD_PARTY
}
