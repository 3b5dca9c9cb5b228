package org.bankcrm.offer.domain.policy;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferTerms;

public class RequiresMarketingConsent implements DecisionPolicy {
    public PolicyResult check(OfferTerms offer, DecisionContext context) {
        if (!offer.category().marketing()) {
            return allow(offer.category() + " is not marketing and needs no consent");
        }
        String consent = context.client().consents().consentFor(context.channel());
        return context.client().consents().allowMarketingOn(context.channel())
                ? allow("consent " + consent + " given")
                : reject("no " + consent + " consent for marketing on " + context.channel());
    }
}
