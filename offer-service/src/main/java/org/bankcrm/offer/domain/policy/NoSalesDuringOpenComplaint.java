package org.bankcrm.offer.domain.policy;

import java.time.Duration;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferTerms;

/** No sales pitch to a client the bank has just failed: service recovery comes first. */
public class NoSalesDuringOpenComplaint implements DecisionPolicy {
    private final Duration afterNegativeExperience;

    public NoSalesDuringOpenComplaint(Duration afterNegativeExperience) {
        this.afterNegativeExperience = afterNegativeExperience;
    }

    public PolicyResult check(OfferTerms offer, DecisionContext context) {
        if (offer.category() != OfferCategory.SALES) {
            return allow("not a sales action");
        }
        if (context.client().openComplaints() > 0) {
            return reject(context.client().openComplaints() + " open complaint(s): no sales until resolved");
        }
        if (context.recoveryNeeded(afterNegativeExperience)) {
            return reject("negative bank-caused experience within " + afterNegativeExperience.toDays() + " days: no sales");
        }
        return allow("no open complaint, no recent negative bank-caused experience");
    }
}
