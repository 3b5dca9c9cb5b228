package org.bankcrm.offer.domain.policy;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferTerms;

public class NeverSellAProductAlreadyHeld implements DecisionPolicy {
    public PolicyResult check(OfferTerms offer, DecisionContext context) {
        if (offer.productType() == null) {
            return allow("sells no product");
        }
        return context.client().heldProducts().contains(offer.productType())
                ? reject("already holds " + offer.productType())
                : allow("does not hold " + offer.productType() + " yet");
    }
}
