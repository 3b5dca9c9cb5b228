package org.bankcrm.offer.domain.policy;

import java.time.Duration;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferTerms;

/** An apology or a goodwill credit to a client the bank did not fail would be noise and cost. */
public class ServiceRecoveryNeedsABadExperience implements DecisionPolicy {
    private final Duration window;

    public ServiceRecoveryNeedsABadExperience(Duration window) {
        this.window = window;
    }

    public PolicyResult check(OfferTerms offer, DecisionContext context) {
        if (offer.category() != OfferCategory.SERVICE_RECOVERY) {
            return allow("not a service-recovery action");
        }
        return context.recoveryNeeded(window)
                ? allow("open complaint or negative bank-caused experience within " + window.toDays() + " days")
                : reject("no open complaint and no negative bank-caused experience to recover from");
    }
}
