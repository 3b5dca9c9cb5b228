package org.bankcrm.offer.domain.policy;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferTerms;

public class MeetsEligibilityConditions implements DecisionPolicy {
    public PolicyResult check(OfferTerms offer, DecisionContext context) {
        return offer.condition().matches(context.client())
                ? allow("meets the eligibility conditions of " + offer.code())
                : reject("does not meet the eligibility conditions of " + offer.code());
    }
}
