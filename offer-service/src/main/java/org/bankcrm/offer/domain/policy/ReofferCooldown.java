package org.bankcrm.offer.domain.policy;

import java.time.Duration;
import java.time.Instant;

import org.bankcrm.offer.domain.DecisionContext;
import org.bankcrm.offer.domain.OfferTerms;

public class ReofferCooldown implements DecisionPolicy {
    private final Duration cooldown;

    public ReofferCooldown(Duration cooldown) {
        this.cooldown = cooldown;
    }

    public PolicyResult check(OfferTerms offer, DecisionContext context) {
        Instant declined = context.history().lastDeclinedAt().get(offer.id());
        if (declined != null && declined.isAfter(context.now().minus(cooldown))) {
            return reject("declined on " + declined + ", not offered again within " + cooldown.toDays() + " days");
        }
        return allow("not declined within " + cooldown.toDays() + " days");
    }
}
