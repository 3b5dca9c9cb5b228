package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PropensityModelTest {

    /** Young clients accept 30 %, older ones 5 %: the model must find that out from answers alone. */
    @Test
    void itLearnsAPlantedPreferenceFromSimulatedResponses() {
        Random world = new Random(7);
        PropensityModel model = PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 1.0);
        ClientSnapshot young = client("AGE_25_34");
        ClientSnapshot older = client("AGE_55_64");
        double[] xYoung = ClientFeatures.of(young, Channel.MOBILE_APP, false);
        double[] xOlder = ClientFeatures.of(older, Channel.MOBILE_APP, false);
        assertThat(model.expected(xYoung)).isCloseTo(model.expected(xOlder), org.assertj.core.data.Offset.offset(1e-9));
        for (int i = 0; i < 4000; i++) {
            boolean isYoung = world.nextBoolean();
            boolean accepted = world.nextDouble() < (isYoung ? 0.30 : 0.05);
            model.update(isYoung ? xYoung : xOlder, accepted);
        }
        assertThat(model.expected(xYoung)).isBetween(0.25, 0.35);
        assertThat(model.expected(xOlder)).isBetween(0.03, 0.08);
        assertThat(model.observations()).isEqualTo(4000);
    }

    @Test
    void aColdOfferStartsAtItsBetaPriorAndSamplingExploresAroundIt() {
        PropensityModel model = PropensityModel.fromPrior(ClientFeatures.SIZE, 2, 18, 1.0);
        double[] x = ClientFeatures.of(client("AGE_35_44"), Channel.BRANCH, false);
        double[] bias = new double[ClientFeatures.SIZE];
        bias[0] = 1;
        assertThat(model.expected(bias)).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
        Random random = new Random(1);
        double min = 1, max = 0;
        for (int i = 0; i < 200; i++) {
            double p = model.sample(x, random);
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertThat(max - min).as("Thompson samples spread while the model is uncertain").isGreaterThan(0.1);
    }

    @Test
    void thePosteriorSurvivesAStoreAndReload() {
        PropensityModel model = PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 1.0);
        double[] x = ClientFeatures.of(client("AGE_25_34"), Channel.BRANCH, false);
        model.update(x, true);
        PropensityState state = new PropensityState();
        state.store(model, Fixtures.NOW);
        PropensityModel reloaded = state.model();
        assertThat(reloaded.expected(x)).isEqualTo(model.expected(x));
        assertThat(reloaded.observations()).isEqualTo(1);
        assertThat(state.matchesFeatures()).isTrue();
    }

    static ClientSnapshot client(String ageBand) {
        ClientSnapshot c = Fixtures.client();
        return new ClientSnapshot(c.clientId(), c.clientType(), ageBand, c.incomeBracket(), c.consents(), c.heldProducts(),
                c.segments(), c.quadrant(), c.strategy(), c.loyaltyType(), c.behavioural(), c.perceived(), c.churnRisk(), 0,
                null, null);
    }
}
