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

    /**
     * How many sales actions one decision may still present: each one ranked counts against the week's cap, so a
     * decision with a large {@code limit} cannot present more than the cap leaves (arbitration asks this).
     */
    public int remaining(DecisionContext context) {
        return Math.max(0, cap - context.history().salesPresentationsLastWeek());
    }

    /** Why a sales action that passed {@link #check} is not ranked: the decision's earlier sales used the budget. */
    public PolicyResult budgetUsed(DecisionContext context, int rankedInThisDecision) {
        return reject(context.history().salesPresentationsLastWeek() + " sales presentations in the last 7 days and "
                + rankedInThisDecision + " ranked above in this decision, at most " + cap);
    }
}
