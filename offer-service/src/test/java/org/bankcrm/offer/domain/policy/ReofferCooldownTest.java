package org.bankcrm.offer.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.client;
import static org.bankcrm.offer.domain.Fixtures.context;
import static org.bankcrm.offer.domain.Fixtures.declined;
import static org.bankcrm.offer.domain.Fixtures.offer;

import java.time.Duration;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferTerms;
import org.junit.jupiter.api.Test;

class ReofferCooldownTest {
    static final OfferTerms CARD = offer("CREDIT_CARD_CLASSIC", OfferCategory.SALES, "CREDIT_CARD");
    static final OfferTerms APOLOGY = offer("APOLOGY_CALL", OfferCategory.SERVICE_RECOVERY, null);
    static final OfferTerms FEE_WAIVER = offer("FEE_WAIVER", OfferCategory.TARIFF, null);

    
    final ReofferCooldown policy = new ReofferCooldown(Duration.ofDays(30));

    @Test
    void declinedOfferIsNotReofferedWithinThirtyDays() {
        var result = policy.check(CARD, context(client(), Channel.BRANCH, declined(CARD, Duration.ofDays(29))));
        assertThat(result.allowed()).isFalse();
        assertThat(result.policy()).isEqualTo("ReofferCooldown");
        assertThat(result.reason()).contains("30 days");
    }

    @Test
    void declinedOfferIsOfferedAgainAfterTheCooldown() {
        assertThat(policy.check(CARD, context(client(), Channel.BRANCH, declined(CARD, Duration.ofDays(31)))).allowed()).isTrue();
    }

    @Test
    void aDeclineOfAnotherOfferDoesNotCount() {
        assertThat(policy.check(CARD, context(client(), Channel.BRANCH, declined(FEE_WAIVER, Duration.ofDays(1)))).allowed()).isTrue();
    }
}
