package org.bankcrm.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The churn model learnt online from labelled snapshots, starting at the prior. */
class OnlineChurnFitTest {
    static final ChurnRiskModel PRIOR = ConfiguredChurnPrior.load();
    static final int FEATURES = ChurnFeature.values().length;

    @Test
    void beforeAnyObservationTheFitIsThePrior() {
        OnlineChurnFit fit = OnlineChurnFit.fromPrior(PRIOR, 4);
        assertThat(fit.model(PRIOR).coefficients()).containsExactly(PRIOR.coefficients(), within(0.0));
        double[] x = new double[FEATURES];
        x[ChurnFeature.INACTIVE_MONTHS.ordinal()] = 3;
        assertThat(fit.probability(x)).isCloseTo(PRIOR.probability(new ChurnFeatures(
                java.util.Map.of(ChurnFeature.INACTIVE_MONTHS, 3.0))), within(1e-12));
    }

    @Test
    void aClientWhoLeftRaisesTheRiskOfClientsLikeThemAndCountsAsAPositive() {
        OnlineChurnFit fit = OnlineChurnFit.fromPrior(PRIOR, 4);
        double[] oldClient = new double[FEATURES];
        oldClient[ChurnFeature.AGE.ordinal()] = 15; // 60 against the typical 45
        double before = fit.probability(oldClient);
        fit.observe(oldClient, true);
        assertThat(fit.probability(oldClient)).isGreaterThan(before);
        assertThat(fit.mean()[ChurnFeature.AGE.ordinal() + 1]).isPositive();
        assertThat(fit.positives()).isEqualTo(1);
        assertThat(fit.negatives()).isZero();
    }

    @Test
    void theHistoryTeachesWhatThePriorDidNotKnow() {
        // the prior gives age no direction; in this history older clients leave more
        OnlineChurnFit fit = OnlineChurnFit.fromPrior(PRIOR, 4);
        Random random = new Random(11);
        List<ModelCheck.Scored> late = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double[] x = new double[FEATURES];
            x[ChurnFeature.AGE.ordinal()] = random.nextGaussian() * 12;
            x[ChurnFeature.PRODUCTS.ordinal()] = random.nextInt(4) - 1;
            boolean left = random.nextDouble() < ChurnRiskModel.sigmoid(-2 + 0.08 * x[ChurnFeature.AGE.ordinal()]
                    - 0.35 * x[ChurnFeature.PRODUCTS.ordinal()]);
            if (i >= 15_000) {
                late.add(new ModelCheck.Scored(fit.probability(x), left));
            }
            fit.observe(x, left);
        }
        assertThat(fit.mean()[ChurnFeature.AGE.ordinal() + 1]).isCloseTo(0.08, within(0.02));
        assertThat(ModelCheck.auc(late)).isGreaterThan(0.75);
        assertThat(fit.positives() + fit.negatives()).isEqualTo(20_000);
    }

    @Test
    void aPersistedFitReloadsWithTheSameCoefficientsAndLearnsOnAsIfNeverStopped() {
        OnlineChurnFit fit = OnlineChurnFit.fromPrior(PRIOR, 4);
        double[] x = new double[FEATURES];
        x[ChurnFeature.COMPLAINTS.ordinal()] = 2;
        fit.observe(x, true);
        fit.observe(new double[FEATURES], false);
        ChurnModelState state = new ChurnModelState();
        state.store(fit, PRIOR.keys(), Instant.parse("2026-11-27T12:00:00Z"));

        OnlineChurnFit reloaded = state.fit(OnlineChurnFit.fromPrior(PRIOR, 4), PRIOR.keys());

        assertThat(state.version).isEqualTo(1);
        assertThat(reloaded.mean()).containsExactly(fit.mean(), within(0.0));
        assertThat(reloaded.precision()).containsExactly(fit.precision(), within(0.0));
        assertThat(reloaded.positives()).isEqualTo(1);
        assertThat(reloaded.negatives()).isEqualTo(1);
        fit.observe(x, false);
        reloaded.observe(x, false);
        assertThat(reloaded.mean()).containsExactly(fit.mean(), within(0.0));
    }

    @Test
    void aStateKeptForOtherFeaturesIsNotReadAsThisModel() {
        ChurnModelState state = new ChurnModelState();
        state.store(OnlineChurnFit.fromPrior(PRIOR, 4), PRIOR.keys(), Instant.parse("2026-11-27T12:00:00Z"));
        state.features = "behavioural,perceived"; // two keys for the intercept and 23 coefficients: another model
        OnlineChurnFit start = OnlineChurnFit.fromPrior(PRIOR, 4);
        assertThat(state.fit(start, PRIOR.keys()).mean()).containsExactly(start.mean(), within(0.0));
    }

    @Test
    void aModelStoredBeforeFeaturesWereAppendedKeepsWhatItLearntByNameAndStartsTheNewOnesAtThePrior() {
        // a posterior stored by the 14-feature model (before the bands were appended), in a shuffled key order
        ChurnFeature[] old = java.util.Arrays.copyOfRange(ChurnFeature.values(), 0, 14);
        List<ChurnFeature> storedOrder = new ArrayList<>(List.of(old));
        java.util.Collections.reverse(storedOrder);
        ChurnModelState state = new ChurnModelState();
        state.features = String.join(",", storedOrder.stream().map(ChurnFeature::key).toList());
        StringBuilder mean = new StringBuilder("-1.5");
        StringBuilder precision = new StringBuilder("100.0");
        for (ChurnFeature f : storedOrder) {
            mean.append(',').append(f.ordinal() / 10.0);
            precision.append(',').append(20.0 + f.ordinal());
        }
        state.mean = mean.toString();
        state.precision = precision.toString();
        state.positives = 30;
        state.negatives = 70;
        state.version = 100;

        OnlineChurnFit prior = OnlineChurnFit.fromPrior(PRIOR, 16);
        OnlineChurnFit reloaded = state.fit(prior, PRIOR.keys());

        assertThat(reloaded.mean()[0]).isEqualTo(-1.5);
        assertThat(reloaded.precision()[0]).isEqualTo(100.0);
        for (ChurnFeature f : ChurnFeature.values()) {
            if (f.ordinal() < 14) {
                assertThat(reloaded.mean()[f.ordinal() + 1]).as(f.key()).isEqualTo(f.ordinal() / 10.0);
                assertThat(reloaded.precision()[f.ordinal() + 1]).as(f.key()).isEqualTo(20.0 + f.ordinal());
            } else {
                assertThat(reloaded.mean()[f.ordinal() + 1]).as(f.key()).isEqualTo(PRIOR.coefficients()[f.ordinal() + 1]);
                assertThat(reloaded.precision()[f.ordinal() + 1]).as(f.key()).isEqualTo(16.0);
            }
        }
        assertThat(reloaded.positives()).isEqualTo(30);
        assertThat(reloaded.negatives()).isEqualTo(70);

        // stored again, it is in today's order with every key, and reloads the same (restart safety)
        state.store(reloaded, PRIOR.keys(), Instant.parse("2026-12-06T12:00:00Z"));
        assertThat(state.version).isEqualTo(101);
        assertThat(state.features.split(",")).hasSize(ChurnFeature.values().length);
        assertThat(state.fit(prior, PRIOR.keys()).mean()).containsExactly(reloaded.mean(), within(0.0));
        assertThat(state.fit(prior, PRIOR.keys()).precision()).containsExactly(reloaded.precision(), within(0.0));
    }

    @Test
    void aModelStoredBeforeTheHalfDecadeAgesLoadsWithThemAtTheirPriorAndKeepsEveryOtherCoefficient() {
        List<String> halves = List.of("age-30-34", "age-40-44", "age-50-54", "age-60-64", "age-70-plus");
        List<String> oldKeys = PRIOR.keys().stream().filter(k -> !halves.contains(k)).toList();
        assertThat(oldKeys).hasSize(PRIOR.keys().size() - halves.size());
        double[] mean = new double[oldKeys.size() + 1];
        double[] precision = new double[oldKeys.size() + 1];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = 0.01 * (j + 1); // learnt, each different
            precision[j] = 100 + j;
        }
        ChurnModelState state = new ChurnModelState();
        state.store(new OnlineChurnFit(mean, precision, 40, 160), oldKeys, Instant.parse("2026-12-06T10:00:00Z"));

        OnlineChurnFit prior = OnlineChurnFit.fromPrior(PRIOR, 16);
        OnlineChurnFit reloaded = state.fit(prior, PRIOR.keys());
        assertThat(reloaded.mean()).hasSize(PRIOR.keys().size() + 1);
        assertThat(reloaded.positives()).isEqualTo(40);
        assertThat(reloaded.mean()[0]).as("intercept").isEqualTo(mean[0]);
        for (int j = 0; j < PRIOR.keys().size(); j++) {
            String key = PRIOR.keys().get(j);
            int old = oldKeys.indexOf(key);
            if (old < 0) {
                assertThat(reloaded.mean()[j + 1]).as(key + ": new, at the prior").isEqualTo(prior.mean()[j + 1]);
                assertThat(reloaded.precision()[j + 1]).as(key).isEqualTo(16.0);
            } else {
                assertThat(reloaded.mean()[j + 1]).as(key + ": kept by name").isEqualTo(mean[old + 1]);
                assertThat(reloaded.precision()[j + 1]).as(key).isEqualTo(precision[old + 1]);
            }
        }
        // and it scores: a client of the old layout's inputs (shorter) reads the new features as typical
        double[] oldInputs = new double[oldKeys.size()];
        assertThat(reloaded.probability(java.util.Arrays.copyOf(oldInputs, PRIOR.keys().size()))).isBetween(0.0, 1.0);
    }

    @Test
    void theRefitIsTheSameWhateverTheOrderAndRecoversWhatAllLeaversFirstThenAllStayersHides() {
        Random random = new Random(7);
        List<double[]> inputs = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int n = 0; n < 3_000; n++) {
            double[] x = new double[FEATURES];
            x[ChurnFeature.AGE_45_54.ordinal()] = random.nextInt(2);
            x[ChurnFeature.SINGLE_PRODUCT.ordinal()] = random.nextInt(2);
            double z = -2 + 1.5 * x[ChurnFeature.AGE_45_54.ordinal()] + 1.0 * x[ChurnFeature.SINGLE_PRODUCT.ordinal()];
            inputs.add(x);
            labels.add(random.nextDouble() < ChurnRiskModel.sigmoid(z));
        }
        // the order a first labelling run gives: every leaver, then every stayer
        List<Integer> order = new ArrayList<>();
        for (int n = 0; n < inputs.size(); n++) {
            order.add(n);
        }
        order.sort((a, b) -> Boolean.compare(labels.get(b), labels.get(a)));
        List<double[]> sortedInputs = order.stream().map(inputs::get).toList();
        List<Boolean> sortedLabels = order.stream().map(labels::get).toList();

        OnlineChurnFit prior = OnlineChurnFit.fromPrior(PRIOR, 16);
        OnlineChurnFit refit = OnlineChurnFit.refit(prior, inputs, labels);
        OnlineChurnFit refitSorted = OnlineChurnFit.refit(prior, sortedInputs, sortedLabels);
        assertThat(refitSorted.mean()).containsExactly(refit.mean(), within(1e-9));
        assertThat(refit.positives() + refit.negatives()).isEqualTo(3_000);
        assertThat(refit.mean()[ChurnFeature.AGE_45_54.ordinal() + 1]).isCloseTo(1.5, within(0.3));
        assertThat(refit.mean()[ChurnFeature.SINGLE_PRODUCT.ordinal() + 1]).isCloseTo(1.0, within(0.3));
        assertThat(refit.mean()[0]).isCloseTo(-2, within(0.3));

        OnlineChurnFit online = OnlineChurnFit.fromPrior(PRIOR, 16);
        for (int n = 0; n < sortedInputs.size(); n++) {
            online.observe(sortedInputs.get(n), sortedLabels.get(n));
        }
        double onlineError = Math.abs(online.mean()[ChurnFeature.AGE_45_54.ordinal() + 1] - 1.5)
                + Math.abs(online.mean()[0] + 2);
        double refitError = Math.abs(refit.mean()[ChurnFeature.AGE_45_54.ordinal() + 1] - 1.5) + Math.abs(refit.mean()[0] + 2);
        assertThat(refitError).as("the refit is closer to the truth than the online pass in that order").isLessThan(onlineError);
    }
}
