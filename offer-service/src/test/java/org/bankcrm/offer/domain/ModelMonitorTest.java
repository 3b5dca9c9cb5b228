package org.bankcrm.offer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModelMonitorTest {
    static final double[] X = { 1, 0 };

    @Test
    void aPerfectRankingHasAucOneAndTheBrierScoreAndCalibrationAreTheMeans() {
        ModelMonitor monitor = ModelMonitor.empty(10, 2);
        monitor.record(X, 0.8, true);
        monitor.record(X, 0.2, false);
        monitor.record(X, 0.4, false);
        ModelMonitor.Summary s = monitor.summary();
        assertThat(s.auc()).isEqualTo(1.0);
        assertThat(s.brier()).isCloseTo((0.04 + 0.04 + 0.16) / 3, within(1e-12));
        assertThat(s.meanExpected()).isCloseTo(1.4 / 3, within(1e-12));
        assertThat(s.observedRate()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(s.answers()).isEqualTo(3);
        assertThat(s.window()).isEqualTo(3);
    }

    @Test
    void withoutBothAnswersInTheWindowTheAucIsUndefined() {
        ModelMonitor monitor = ModelMonitor.empty(10, 2);
        monitor.record(X, 0.3, false);
        monitor.record(X, 0.1, false);
        assertThat(monitor.summary().auc()).isNaN();
        assertThat(ModelMonitor.empty(10, 2).summary().brier()).isNaN();
    }

    /** The window slides: a model that ranked well long ago but ranks backwards now shows the recent AUC. */
    @Test
    void onlyTheLastWindowOfAnswersCounts() {
        ModelMonitor monitor = ModelMonitor.empty(4, 2);
        for (int i = 0; i < 50; i++) {
            monitor.record(X, 0.9, true);
            monitor.record(X, 0.1, false);
        }
        assertThat(monitor.summary().auc()).isEqualTo(1.0);
        monitor.record(X, 0.1, true);
        monitor.record(X, 0.9, false);
        monitor.record(X, 0.2, true);
        monitor.record(X, 0.8, false);
        assertThat(monitor.summary().auc()).isZero();
        assertThat(monitor.summary().window()).isEqualTo(4);
        assertThat(monitor.summary().answers()).isEqualTo(104);
    }

    @Test
    void anInputThatChangedRecentlyShowsAsDriftAgainstItsAllTimeMean() {
        ModelMonitor monitor = ModelMonitor.empty(100, 2);
        for (int i = 0; i < 900; i++) {
            monitor.record(new double[] { 1, 0 }, 0.1, false);
        }
        for (int i = 0; i < 300; i++) {
            monitor.record(new double[] { 1, 1 }, 0.1, false);
        }
        List<ModelMonitor.Drift> drift = monitor.drift();
        assertThat(drift.get(0).allTimeMean()).isEqualTo(1.0);
        assertThat(drift.get(0).shift()).isCloseTo(0, within(1e-9));
        assertThat(drift.get(1).allTimeMean()).isCloseTo(0.25, within(1e-12));
        assertThat(drift.get(1).recentMean()).as("the recent mean follows the last ~100 answers").isGreaterThan(0.9);
        assertThat(drift.get(1).shift()).isGreaterThan(0.6);
    }

    @Test
    void theMonitorRoundTripsThroughTheStoredStateByFeatureName() {
        ModelMonitor monitor = ModelMonitor.empty(3, ClientFeatures.SIZE);
        double[] x = ClientFeatures.of(Fixtures.client(), Channel.BRANCH, false);
        monitor.record(x, 0.7, true);
        monitor.record(x, 0.2, false);
        monitor.record(x, 0.3, false);
        monitor.record(x, 0.6, true);
        PropensityState state = new PropensityState();
        state.store(PropensityModel.fromPrior(ClientFeatures.SIZE, 1, 9, 4.0), ClientFeatures.NAMES, Fixtures.NOW);
        state.store(monitor);
        ModelMonitor reloaded = state.monitor(ClientFeatures.NAMES, 3);
        assertThat(reloaded.recentAnswers()).isEqualTo(monitor.recentAnswers()).hasSize(3);
        assertThat(reloaded.sums()).containsExactly(monitor.sums());
        assertThat(reloaded.recentMeans()).containsExactly(monitor.recentMeans());
        assertThat(reloaded.count()).isEqualTo(4);
        assertThat(reloaded.summary()).isEqualTo(monitor.summary());
        assertThat(new PropensityState().monitor(ClientFeatures.NAMES, 3).count()).as("a state stored before monitoring").isZero();
    }
}
