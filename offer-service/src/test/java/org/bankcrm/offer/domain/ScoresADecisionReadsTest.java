package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bankcrm.offer.domain.Fixtures.client;
import static org.bankcrm.offer.domain.Fixtures.context;
import static org.bankcrm.offer.domain.Fixtures.offer;

import java.util.List;
import java.util.Random;

import org.bankcrm.offer.domain.policy.RequiresMarketingConsent;
import org.junit.jupiter.api.Test;

/**
 * A new loyalty score asks for a refined decision only when it moved what a decision reads: the loyalty type or the
 * churn risk. The pipeline is the proof: behavioural and perceived loyalty change no action, score or feature.
 */
class ScoresADecisionReadsTest {
    final NextBestAction pipeline = new NextBestAction(List.of(new RequiresMarketingConsent()), NextBestActionTest.WEIGHTS,
            365, ChannelFeatures.NONE);
    final List<NextBestAction.Candidate> candidates = List.of(
            NextBestActionTest.candidate(offer("MORTGAGE", OfferCategory.SALES, "MORTGAGE", OfferCondition.ANYONE, 1800)),
            NextBestActionTest.candidate(offer("STAY_BONUS", OfferCategory.RETENTION, null,
                    new OfferCondition.ChurnRiskBetween(0.3, null), 300)),
            NextBestActionTest.candidate(offer("FEE_WAIVER", OfferCategory.TARIFF, null)));

    static ClientSnapshot withScores(ClientSnapshot c, String type, Double behavioural, Double perceived, Double churnRisk) {
        return new ClientSnapshot(c.clientId(), c.clientType(), c.ageBand(), c.incomeBracket(), c.consents(), c.heldProducts(),
                c.segments(), c.quadrant(), c.strategy(), type, behavioural, perceived, churnRisk, c.openComplaints(),
                c.lastNegativeBankCausedAt(), c.latestExperience());
    }

    NextBestAction.Outcome decide(ClientSnapshot client) {
        return pipeline.decide(candidates, context(client, Channel.BRANCH), 3, false, new Random(7));
    }

    @Test
    void behaviouralAndPerceivedLoyaltyChangeNothingADecisionRanks() {
        ClientSnapshot before = withScores(client(), "LATENT", 40.0, 75.0, 0.35);
        NextBestAction.Outcome first = decide(before);
        NextBestAction.Outcome second = decide(withScores(before, "LATENT", 91.0, 12.5, 0.35));
        assertThat(second.actions()).isEqualTo(first.actions());
        assertThat(second.policyResults()).isEqualTo(first.policyResults());
        assertThat(second.features().keySet()).isEqualTo(first.features().keySet());
        first.features().forEach((offerId, x) -> assertThat(second.features().get(offerId)).containsExactly(x));
    }

    @Test
    void theLoyaltyTypeAndTheChurnRiskDo() {
        ClientSnapshot before = withScores(client(), "LATENT", 40.0, 75.0, 0.1);
        NextBestAction.Outcome first = decide(before);
        assertThat(decide(withScores(before, "LATENT", 40.0, 75.0, 0.6)).actions()).isNotEqualTo(first.actions());
        assertThat(decide(withScores(before, "TRUE", 40.0, 75.0, 0.1)).actions()).isNotEqualTo(first.actions());
    }

    @Test
    void aProfileTakesEveryScoreAndSaysWhetherADecisionReadsWhatMoved() {
        ClientProfile profile = ClientProfile.unknown(client().clientId());
        assertThat(profile.takeScores(40.0, 75.0, "LATENT", 0.35)).as("the first scores").isTrue();
        assertThat(profile.takeScores(91.0, 12.5, "LATENT", 0.35)).as("behavioural and perceived only").isFalse();
        assertThat(profile.behavioural).isEqualTo(91.0);
        assertThat(profile.perceived).isEqualTo(12.5);
        assertThat(profile.takeScores(91.0, 12.5, "LATENT", 0.36)).as("churn risk").isTrue();
        assertThat(profile.takeScores(91.0, 12.5, "TRUE", 0.36)).as("loyalty type").isTrue();
        assertThat(profile.takeScores(91.0, 12.5, "TRUE", null)).as("churn risk no longer known").isTrue();
        assertThat(profile.loyaltyType).isEqualTo("TRUE");
        assertThat(profile.churnRisk).isNull();
    }
}
