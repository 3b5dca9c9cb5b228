package org.bankcrm.offer.domain.policy;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferTerms;

public class WithinValidity implements DecisionPolicy {
    public PolicyResult check(OfferTerms offer, DecisionContext context) {
        LocalDate today = LocalDate.ofInstant(context.now(), ZoneOffset.UTC);
        if (offer.validFrom() != null && today.isBefore(offer.validFrom())) {
            return reject("valid only from " + offer.validFrom());
        }
        if (offer.validTo() != null && today.isAfter(offer.validTo())) {
            return reject("expired on " + offer.validTo());
        }
        return allow("valid today");
    }
}
