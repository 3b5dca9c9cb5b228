package org.bankcrm.interaction.domain;

/**
 * What caused the experience, in the bank's words: the list monitoring ranks bank-caused negative
 * experiences by (waiting in a queue or on the line, a bank error, staff behaviour or knowledge, the terms
 * of a product, an outage of a system or channel, fees and charges, a cumbersome process or paperwork,
 * unclear or missing communication, anything else).
 */
public enum CauseDetail {
    WAITING_TIME, ERROR, STAFF, PRODUCT_TERMS, OUTAGE, FEES, PROCESS, COMMUNICATION, OTHER
}
