package org.bankcrm.interaction.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bankcrm.interaction.domain.OfferTouchpoints.Answer;
import org.junit.jupiter.api.Test;

class OfferTouchpointsTest {

    @Test
    void theNeedFollowsTheProductTypeAndWithoutOneTheCategory() {
        assertThat(OfferTouchpoints.needOf("CREDIT_CARD", "SALES")).isEqualTo(Need.CARDS);
        assertThat(OfferTouchpoints.needOf("MORTGAGE", "SALES")).isEqualTo(Need.LENDING);
        assertThat(OfferTouchpoints.needOf("TERM_DEPOSIT", "RETENTION")).isEqualTo(Need.SAVINGS);
        assertThat(OfferTouchpoints.needOf("INVESTMENT_FUND", "SALES")).isEqualTo(Need.INVESTMENTS);
        assertThat(OfferTouchpoints.needOf("CURRENT_ACCOUNT", "TARIFF")).isEqualTo(Need.PAYMENTS);
        assertThat(OfferTouchpoints.needOf(null, "SERVICE_RECOVERY")).isEqualTo(Need.ACCOUNT_SERVICE);
        assertThat(OfferTouchpoints.needOf(null, "RESEARCH")).isEqualTo(Need.OTHER);
        assertThat(OfferTouchpoints.needOf("A_PRODUCT_ADDED_LATER", "RETENTION")).isEqualTo(Need.ACCOUNT_SERVICE);
    }

    @Test
    void anAnswerSaysWhetherTheOfferWasSettledAndHowItFelt() {
        assertThat(List.of(Answer.values())).extracting(OfferTouchpoints::outcomeOf).containsExactly(
                Outcome.RESOLVED, Outcome.PENDING, Outcome.RESOLVED, Outcome.UNRESOLVED);
        assertThat(List.of(Answer.values())).extracting(OfferTouchpoints::valenceOf).containsExactly(
                Valence.POSITIVE, Valence.POSITIVE, Valence.NEUTRAL, Valence.NEUTRAL);
    }

    @Test
    void aPresentationIsTheBanksPendingNeutralContactAboutTheTopOffersNeedWithAnIdOfItsDecision() {
        UUID decisionId = UUID.randomUUID();
        TouchpointContent presented = OfferTouchpoints.presented(decisionId, UUID.randomUUID(), Instant.now(),
                Channel.BRANCH, List.of(new OfferShown(1, "GOLD_CARD", "SALES", "CREDIT_CARD", null),
                        new OfferShown(2, "SAVER", "SALES", "SAVINGS_ACCOUNT", null)));
        assertThat(presented.id()).isEqualTo(OfferTouchpoints.presentedId(decisionId)).isNotEqualTo(decisionId);
        assertThat(presented.type()).isEqualTo(TouchpointType.OFFER_PRESENTED);
        assertThat(presented.initiator()).isEqualTo(Initiator.BANK);
        assertThat(presented.need()).isEqualTo(Need.CARDS);
        assertThat(presented.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(presented.valence()).isEqualTo(Valence.NEUTRAL);
        assertThat(presented.notes()).isNull();
    }

    @Test
    void theSameDecisionOrResponseAlwaysGivesTheSameTouchpointId() {
        UUID id = UUID.randomUUID();
        assertThat(OfferTouchpoints.presentedId(id)).isEqualTo(OfferTouchpoints.presentedId(id));
        assertThat(OfferTouchpoints.responseId(id)).isEqualTo(OfferTouchpoints.responseId(id))
                .isNotEqualTo(OfferTouchpoints.presentedId(id));
    }
}
