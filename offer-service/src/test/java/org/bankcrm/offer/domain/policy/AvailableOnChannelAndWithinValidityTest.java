package org.bankcrm.offer.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.client;
import static org.bankcrm.offer.domain.Fixtures.context;
import static org.bankcrm.offer.domain.Fixtures.offer;

import java.time.LocalDate;
import java.util.EnumSet;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferTerms;
import org.junit.jupiter.api.Test;

class AvailableOnChannelAndWithinValidityTest {
    static final OfferTerms CARD = offer("CREDIT_CARD_CLASSIC", OfferCategory.SALES, "CREDIT_CARD");
    static final OfferTerms APOLOGY = offer("APOLOGY_CALL", OfferCategory.SERVICE_RECOVERY, null);

    
    @Test
    void anOfferIsPresentedOnlyOnItsChannels() {
        OfferTerms branchOnly = new OfferTerms(CARD.id(), CARD.code(), CARD.category(), CARD.productType(), CARD.condition(),
                EnumSet.of(Channel.BRANCH), 100, null, null, 1, 9);
        assertThat(new AvailableOnChannel().check(branchOnly, context(client(), Channel.BRANCH)).allowed()).isTrue();
        assertThat(new AvailableOnChannel().check(branchOnly, context(client(), Channel.ATM)).allowed()).isFalse();
    }

    @Test
    void anOfferIsPresentedOnlyWithinItsValidity() {
        OfferTerms expired = new OfferTerms(CARD.id(), CARD.code(), CARD.category(), CARD.productType(), CARD.condition(),
                EnumSet.allOf(Channel.class), 100, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-06-30"), 1, 9);
        assertThat(new WithinValidity().check(expired, context(client(), Channel.BRANCH)).allowed()).isFalse();
        assertThat(new WithinValidity().check(CARD, context(client(), Channel.BRANCH)).allowed()).isTrue();
    }
}
