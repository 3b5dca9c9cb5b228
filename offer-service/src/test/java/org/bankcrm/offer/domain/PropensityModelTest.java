package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        state.store(model, ClientFeatures.NAMES, Fixtures.NOW);
        PropensityModel reloaded = state.model(ClientFeatures.NAMES, 1.0);
        assertThat(reloaded.expected(x)).isEqualTo(model.expected(x));
        assertThat(reloaded.observations()).isEqualTo(1);
        assertThat(state.loadable(ClientFeatures.NAMES)).isTrue();
    }

    @Test
    void aPosteriorStoredOverFewerFeaturesKeepsWhatItLearntAndStartsTheNewOnesAtThePrior() {
        List<String> older = ClientFeatures.NAMES.subList(0, ClientFeatures.NAMES.indexOf("assistedChannel") + 1);
        PropensityState state = new PropensityState();
        state.offerId = java.util.UUID.randomUUID();
        state.features = String.join(",", older);
        state.mean = older.stream().map(n -> n.equals("bias") ? "-2.5" : "0.25").collect(java.util.stream.Collectors.joining(","));
        state.precision = older.stream().map(n -> "7.0").collect(java.util.stream.Collectors.joining(","));
        state.observations = 12;

        assertThat(state.loadable(ClientFeatures.NAMES)).isTrue();
        PropensityModel model = state.model(ClientFeatures.NAMES, 4.0);
        assertThat(model.mean()).hasSize(ClientFeatures.SIZE);
        assertThat(model.mean()[0]).isEqualTo(-2.5);
        assertThat(model.mean()[older.size() - 1]).isEqualTo(0.25);
        assertThat(model.precision()[older.size() - 1]).isEqualTo(7.0);
        int added = ClientFeatures.NAMES.indexOf("offerContacts30d");
        assertThat(model.mean()[added]).isZero();
        assertThat(model.precision()[added]).isEqualTo(4.0);
        assertThat(model.observations()).isEqualTo(12);
    }

    @Test
    void aPosteriorOverAFeatureThatNoLongerExistsIsNotLoaded() {
        PropensityState state = new PropensityState();
        state.features = "bias,someDroppedFeature";
        state.mean = "0.0,1.0";
        state.precision = "1.0,1.0";
        assertThat(state.loadable(ClientFeatures.NAMES)).isFalse();
    }

    /** Acceptance falls from 40 % to 5 %: 1,000 answers later a forgetting model is near the new rate, one that never forgets lags. */
    @Test
    void aForgettingModelFollowsTheNewRegimeAndForgetsTheOldOne() {
        Random world = new Random(11);
        PropensityModel forgetting = PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0);
        PropensityModel remembering = PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0);
        double[] prior = forgetting.precision();
        double[] x = new double[ClientFeatures.SIZE];
        x[0] = 1;
        x[ClientFeatures.NAMES.indexOf("ageBand=AGE_25_34")] = 1;
        x[ClientFeatures.NAMES.indexOf("channel=CALL_CENTER")] = 1;
        for (int i = 0; i < 4000; i++) {
            boolean accepted = world.nextDouble() < (i < 3000 ? 0.40 : 0.05);
            forgetting.update(x, accepted, 0.999, prior);
            remembering.update(x, accepted);
        }
        assertThat(forgetting.expected(x)).as("the forgetting model is near the new rate").isBetween(0.03, 0.12);
        assertThat(remembering.expected(x)).as("without forgetting the old regime still weighs").isGreaterThan(0.18);
        double[] precision = forgetting.precision();
        for (int i = 0; i < precision.length; i++) {
            assertThat(precision[i]).as("precision %d stays at or above the prior's", i).isGreaterThanOrEqualTo(prior[i]);
        }
        int unseen = ClientFeatures.NAMES.indexOf("ageBand=AGE_65_PLUS");
        assertThat(precision[unseen]).as("a feature never seen keeps exactly its prior").isEqualTo(prior[unseen]);
        assertThat(precision[0]).as("a feature seen in every answer is sharper than its prior").isGreaterThan(prior[0]);
        assertThat(forgetting.observations()).isEqualTo(4000);
    }

    @Test
    void keepOfOneIsExactlyTheModelWithoutForgetting() {
        PropensityModel a = PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0);
        PropensityModel b = PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0);
        double[] x = ClientFeatures.of(client("AGE_35_44"), Channel.BRANCH, false);
        for (int i = 0; i < 50; i++) {
            a.update(x, i % 3 == 0, 1.0, a.precision());
            b.update(x, i % 3 == 0);
        }
        assertThat(a.mean()).containsExactly(b.mean());
        assertThat(a.precision()).containsExactly(b.precision());
    }

    @Test
    void aKeepOutsideZeroToOneIsRefused() {
        PropensityModel model = PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0);
        double[] x = ClientFeatures.of(client("AGE_35_44"), Channel.BRANCH, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.update(x, true, 1.5, null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.update(x, true, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The decayed posterior is what is stored: a reload and one more answer equal the model that never left memory. */
    @Test
    void aForgettingPosteriorRoundTripsThroughItsStoredState() {
        Random world = new Random(3);
        PropensityModel live = PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0);
        double[] prior = live.precision();
        double[] x = ClientFeatures.of(client("AGE_25_34"), Channel.BRANCH, false);
        for (int i = 0; i < 500; i++) {
            live.update(x, world.nextDouble() < 0.2, 0.99, prior);
        }
        PropensityState state = new PropensityState();
        state.store(live, ClientFeatures.NAMES, Fixtures.NOW);
        PropensityModel reloaded = state.model(ClientFeatures.NAMES, 4.0);
        assertThat(reloaded.mean()).containsExactly(live.mean());
        assertThat(reloaded.precision()).containsExactly(live.precision());
        live.update(x, true, 0.99, prior);
        reloaded.update(x, true, 0.99, prior);
        assertThat(reloaded.mean()).containsExactly(live.mean());
        assertThat(reloaded.precision()).containsExactly(live.precision());
        assertThat(reloaded.observations()).isEqualTo(501);
    }

    static ClientSnapshot client(String ageBand) {
        ClientSnapshot c = Fixtures.client();
        return new ClientSnapshot(c.clientId(), c.clientType(), ageBand, c.incomeBracket(), c.consents(), c.heldProducts(),
                c.segments(), c.quadrant(), c.strategy(), c.loyaltyType(), c.behavioural(), c.perceived(), c.churnRisk(), 0,
                null, null);
    }
}
