package org.bankcrm.offer.domain.policy;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferTerms;

/** One named rule of the decision pipeline. */
public interface DecisionPolicy {
    PolicyResult check(OfferTerms offer, DecisionContext context);

    default String name() {
        return getClass().getSimpleName();
    }

    default PolicyResult allow(String reason) {
        return PolicyResult.allowance(name(), reason);
    }

    default PolicyResult reject(String reason) {
        return PolicyResult.rejection(name(), reason);
    }
}
