package org.bankcrm.interaction.domain;

/** Who started the contact. */
public enum Initiator {
    CLIENT, BANK
}
