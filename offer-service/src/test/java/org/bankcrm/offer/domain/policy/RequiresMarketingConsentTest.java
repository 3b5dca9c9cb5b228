package org.bankcrm.offer.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.client;
import static org.bankcrm.offer.domain.Fixtures.context;
import static org.bankcrm.offer.domain.Fixtures.offer;
import static org.bankcrm.offer.domain.Fixtures.withConsents;


import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.Consents;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferTerms;
import org.junit.jupiter.api.Test;

class RequiresMarketingConsentTest {
    static final OfferTerms CARD = offer("CREDIT_CARD_CLASSIC", OfferCategory.SALES, "CREDIT_CARD");
    static final OfferTerms APOLOGY = offer("APOLOGY_CALL", OfferCategory.SERVICE_RECOVERY, null);

    
    final RequiresMarketingConsent policy = new RequiresMarketingConsent();

    @Test
    void noMarketingOnTheCallCentreWithoutPhoneConsent() {
        var noPhone = withConsents(client(), new Consents(true, true, true, false, true));
        var result = policy.check(CARD, context(noPhone, Channel.CALL_CENTER));
        assertThat(result.allowed()).isFalse();
        assertThat(result.reason()).contains("marketingPhone");
        assertThat(policy.check(CARD, context(noPhone, Channel.EMAIL)).allowed()).isTrue();
    }

    @Test
    void inTheBranchAPersonalisedOfferNeedsProfilingConsent() {
        var noProfiling = withConsents(client(), new Consents(true, true, true, true, false));
        assertThat(policy.check(CARD, context(noProfiling, Channel.BRANCH)).allowed()).isFalse();
    }

    @Test
    void serviceRecoveryNeedsNoConsent() {
        assertThat(policy.check(APOLOGY, context(withConsents(client(), Consents.NONE), Channel.CALL_CENTER)).allowed()).isTrue();
    }
}
