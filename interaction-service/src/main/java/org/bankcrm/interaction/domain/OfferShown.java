package org.bankcrm.interaction.domain;

/**
 * One offer of an {@code OFFER_PRESENTED} or {@code OFFER_RESPONSE} touchpoint, as offer-service named it: its
 * code, category and product type (null for offers without one), its rank in the decision (presented offers),
 * and the client's answer (responses). Structured, never free text.
 */
public record OfferShown(Integer rank, String offerCode, String category, String productType, String response) {
}
