package org.bankcrm.offer.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.client;
import static org.bankcrm.offer.domain.Fixtures.context;
import static org.bankcrm.offer.domain.Fixtures.offer;

import java.util.List;
import java.util.Set;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferCondition;
import org.bankcrm.offer.domain.OfferTerms;
import org.junit.jupiter.api.Test;

class MeetsEligibilityConditionsTest {
    static final OfferTerms CARD = offer("CREDIT_CARD_CLASSIC", OfferCategory.SALES, "CREDIT_CARD");
    static final OfferTerms APOLOGY = offer("APOLOGY_CALL", OfferCategory.SERVICE_RECOVERY, null);

    
    final MeetsEligibilityConditions policy = new MeetsEligibilityConditions();

    @Test
    void anOfferGoesOnlyToClientsItsConditionsMatch() {
        OfferCondition condition = new OfferCondition.All(List.of(
                new OfferCondition.AgeBandIn(Set.of("AGE_25_34", "AGE_35_44")),
                new OfferCondition.Not(new OfferCondition.QuadrantIn(Set.of("UNPROFITABLE_LOW_POTENTIAL"))),
                new OfferCondition.Any(List.of(new OfferCondition.SegmentIn(Set.of("YOUNG_FAMILIES")),
                        new OfferCondition.ChurnRiskBetween(0.5, null)))));
        OfferTerms mortgage = offer("MORTGAGE_FIRST_HOME", OfferCategory.SALES, "MORTGAGE", condition, 1800);
        assertThat(policy.check(mortgage, context(client(), Channel.BRANCH)).allowed()).isTrue();
        OfferTerms older = offer("X", OfferCategory.SALES, "MORTGAGE",
                new OfferCondition.AgeBandIn(Set.of("AGE_65_PLUS")), 1800);
        assertThat(policy.check(older, context(client(), Channel.BRANCH)).allowed()).isFalse();
    }
}
