package org.bankcrm.offer.domain.policy;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferTerms;

public class AvailableOnChannel implements DecisionPolicy {
    public PolicyResult check(OfferTerms offer, DecisionContext context) {
        return offer.channels().contains(context.channel())
                ? allow("may be presented on " + context.channel())
                : reject("not presented on " + context.channel());
    }
}
