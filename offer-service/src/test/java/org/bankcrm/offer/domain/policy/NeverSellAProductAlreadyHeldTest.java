package org.bankcrm.offer.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.client;
import static org.bankcrm.offer.domain.Fixtures.context;
import static org.bankcrm.offer.domain.Fixtures.offer;
import static org.bankcrm.offer.domain.Fixtures.withHeld;

import java.util.Set;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferTerms;
import org.junit.jupiter.api.Test;

class NeverSellAProductAlreadyHeldTest {
    static final OfferTerms CARD = offer("CREDIT_CARD_CLASSIC", OfferCategory.SALES, "CREDIT_CARD");
    static final OfferTerms APOLOGY = offer("APOLOGY_CALL", OfferCategory.SERVICE_RECOVERY, null);

    
    @Test
    void aClientHoldingACreditCardIsNotSoldOne() {
        var policy = new NeverSellAProductAlreadyHeld();
        assertThat(policy.check(CARD, context(withHeld(client(), Set.of("CREDIT_CARD")), Channel.BRANCH)).allowed()).isFalse();
        assertThat(policy.check(CARD, context(client(), Channel.BRANCH)).allowed()).isTrue();
    }
}
