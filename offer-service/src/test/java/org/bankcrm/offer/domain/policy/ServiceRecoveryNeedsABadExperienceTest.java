package org.bankcrm.offer.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.NOW;
import static org.bankcrm.offer.domain.Fixtures.client;
import static org.bankcrm.offer.domain.Fixtures.context;
import static org.bankcrm.offer.domain.Fixtures.offer;
import static org.bankcrm.offer.domain.Fixtures.withComplaints;

import java.time.Duration;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferTerms;
import org.junit.jupiter.api.Test;

class ServiceRecoveryNeedsABadExperienceTest {
    static final OfferTerms CARD = offer("CREDIT_CARD_CLASSIC", OfferCategory.SALES, "CREDIT_CARD");
    static final OfferTerms APOLOGY = offer("APOLOGY_CALL", OfferCategory.SERVICE_RECOVERY, null);

    
    final ServiceRecoveryNeedsABadExperience policy = new ServiceRecoveryNeedsABadExperience(Duration.ofDays(14));

    @Test
    void noApologyToAClientTheBankDidNotFail() {
        assertThat(policy.check(APOLOGY, context(client(), Channel.BRANCH)).allowed()).isFalse();
        assertThat(policy.check(APOLOGY, context(withComplaints(client(), 0, NOW.minus(Duration.ofDays(2))), Channel.BRANCH))
                .allowed()).isTrue();
        assertThat(policy.check(APOLOGY, context(withComplaints(client(), 1, null), Channel.BRANCH)).allowed()).isTrue();
    }
}
