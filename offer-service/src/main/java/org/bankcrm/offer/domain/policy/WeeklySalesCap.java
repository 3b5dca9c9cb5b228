package org.bankcrm.offer.domain.policy;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferTerms;

public class WeeklySalesCap implements DecisionPolicy {
    private final int cap;

    public WeeklySalesCap(int cap) {
        this.cap = cap;
    }

    public PolicyResult check(OfferTerms offer, DecisionContext context) {
        if (offer.category() != OfferCategory.SALES) {
            return allow("not a sales action");
        }
        int presented = context.history().salesPresentationsLastWeek();
        return presented >= cap
                ? reject(presented + " sales presentations in the last 7 days, at most " + cap)
                : allow(presented + " of at most " + cap + " sales presentations in the last 7 days");
    }
}
