package org.bankcrm.offer.domain;

/** Where an action is presented. */
public enum Channel {
    BRANCH, CALL_CENTER, MOBILE_APP, INTERNET_BANK, ATM, CHAT, EMAIL;

    /** A person presents the action (branch clerk, call-centre agent). */
    public boolean assisted() {
        return this == BRANCH || this == CALL_CENTER;
    }
}
