package org.bankcrm.interaction.domain;

/** The client's need the contact was about; a journey is one need of one client. */
public enum Need {
    PAYMENTS, CARDS, LENDING, SAVINGS, INSURANCE, INVESTMENTS, DIGITAL_ACCESS, ACCOUNT_SERVICE, OTHER
}
