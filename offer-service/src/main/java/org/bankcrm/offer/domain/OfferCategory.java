package org.bankcrm.offer.domain;

/** What an action does for the bank and the client; marketing actions need the client's consent. */
public enum OfferCategory {
    SALES(true), RETENTION(true), SERVICE_RECOVERY(false), TARIFF(true), SERVICE_LEVEL(true), RESEARCH(false);

    private final boolean marketing;

    OfferCategory(boolean marketing) {
        this.marketing = marketing;
    }

    public boolean marketing() {
        return marketing;
    }
}
