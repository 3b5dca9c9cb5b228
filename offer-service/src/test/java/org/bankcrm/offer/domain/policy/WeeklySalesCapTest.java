package org.bankcrm.offer.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.client;
import static org.bankcrm.offer.domain.Fixtures.context;
import static org.bankcrm.offer.domain.Fixtures.offer;

import java.util.Map;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.ContactHistory;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferTerms;
import org.junit.jupiter.api.Test;

class WeeklySalesCapTest {
    static final OfferTerms CARD = offer("CREDIT_CARD_CLASSIC", OfferCategory.SALES, "CREDIT_CARD");
    static final OfferTerms APOLOGY = offer("APOLOGY_CALL", OfferCategory.SERVICE_RECOVERY, null);
    static final OfferTerms FEE_WAIVER = offer("FEE_WAIVER", OfferCategory.TARIFF, null);

    
    final WeeklySalesCap policy = new WeeklySalesCap(3);

    @Test
    void atMostThreeSalesPresentationsAWeek() {
        assertThat(policy.check(CARD, context(client(), Channel.BRANCH, new ContactHistory(Map.of(), 2))).allowed()).isTrue();
        assertThat(policy.check(CARD, context(client(), Channel.BRANCH, new ContactHistory(Map.of(), 3))).allowed()).isFalse();
    }

    @Test
    void theCapDoesNotHoldBackServiceRecovery() {
        assertThat(policy.check(APOLOGY, context(client(), Channel.BRANCH, new ContactHistory(Map.of(), 9))).allowed()).isTrue();
    }
}
