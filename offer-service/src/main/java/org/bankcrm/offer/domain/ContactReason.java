package org.bankcrm.offer.domain;

/**
 * Why the client is at the channel right now, as the channel tells the decision point ({@code context.reason} of
 * {@code POST /decisions}): the action category that answers it gets the context weight.
 */
public enum ContactReason {
    /** Asks about a product or rates to buy. */
    PRODUCT_INQUIRY(OfferCategory.SALES),
    /** Asks about fees or the price of what they have. */
    PRICE_QUESTION(OfferCategory.TARIFF),
    /** Routine servicing (a card, an address, a statement). */
    SERVICE_REQUEST(OfferCategory.SERVICE_LEVEL),
    /** Complains. */
    COMPLAINT(OfferCategory.SERVICE_RECOVERY),
    /** Wants to close a product or leave. */
    CANCELLATION(OfferCategory.RETENTION),
    /** Gives feedback or answers a survey. */
    FEEDBACK(OfferCategory.RESEARCH);

    private final OfferCategory answeredBy;

    ContactReason(OfferCategory answeredBy) {
        this.answeredBy = answeredBy;
    }

    public OfferCategory answeredBy() {
        return answeredBy;
    }
}
