package org.bankcrm.offer.domain;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * A catalogue action as the pipeline reads it: its eligibility condition, where it may be presented, its value
 * to the bank (margin; negative for a cost such as a goodwill credit), validity, the product it sells if any, and
 * the Beta prior (accepted, declined pseudo-counts) that starts its propensity before any response.
 */
public record OfferTerms(UUID id, String code, OfferCategory category, String productType, OfferCondition condition,
        Set<Channel> channels, double value, LocalDate validFrom, LocalDate validTo, double priorAccepted,
        double priorDeclined) {

    public double priorRate() {
        return priorAccepted / (priorAccepted + priorDeclined);
    }
}
