package org.bankcrm.interaction.domain;

/** Where the touchpoint happened. */
public enum Channel {
    BRANCH, CALL_CENTER, MOBILE_APP, INTERNET_BANK, ATM, CHAT, EMAIL
}
