package org.bankcrm.client.domain;

/** Where the bank meets the client. */
public enum Channel {
    BRANCH, CALL_CENTER, MOBILE_APP, INTERNET_BANK, ATM, CHAT, EMAIL
}
