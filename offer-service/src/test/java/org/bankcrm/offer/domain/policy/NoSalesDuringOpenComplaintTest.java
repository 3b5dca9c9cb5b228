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

class NoSalesDuringOpenComplaintTest {
    static final OfferTerms CARD = offer("CREDIT_CARD_CLASSIC", OfferCategory.SALES, "CREDIT_CARD");
    static final OfferTerms APOLOGY = offer("APOLOGY_CALL", OfferCategory.SERVICE_RECOVERY, null);
    static final OfferTerms FEE_WAIVER = offer("FEE_WAIVER", OfferCategory.TARIFF, null);

    
    final NoSalesDuringOpenComplaint policy = new NoSalesDuringOpenComplaint(Duration.ofDays(14));

    @Test
    void noSalesWhileAComplaintIsOpen() {
        var result = policy.check(CARD, context(withComplaints(client(), 1, null), Channel.BRANCH));
        assertThat(result.allowed()).isFalse();
        assertThat(result.reason()).contains("open complaint");
    }

    @Test
    void noSalesWithinFourteenDaysOfANegativeBankCausedExperience() {
        assertThat(policy.check(CARD, context(withComplaints(client(), 0, NOW.minus(Duration.ofDays(13))), Channel.BRANCH))
                .allowed()).isFalse();
        assertThat(policy.check(CARD, context(withComplaints(client(), 0, NOW.minus(Duration.ofDays(15))), Channel.BRANCH))
                .allowed()).isTrue();
    }

    @Test
    void otherActionsStayAllowedDuringAComplaint() {
        assertThat(policy.check(APOLOGY, context(withComplaints(client(), 1, NOW), Channel.BRANCH)).allowed()).isTrue();
        assertThat(policy.check(FEE_WAIVER, context(withComplaints(client(), 1, NOW), Channel.BRANCH)).allowed()).isTrue();
    }
}
