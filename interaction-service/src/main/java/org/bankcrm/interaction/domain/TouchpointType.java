package org.bankcrm.interaction.domain;

/** What kind of contact it was. */
public enum TouchpointType {
    INQUIRY, COMPLAINT, SERVICE_REQUEST, TRANSACTION, PRODUCT_APPLICATION, ADVICE, SURVEY_RESPONSE, OFFER_PRESENTED, OFFER_RESPONSE
}
