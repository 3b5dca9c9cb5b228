package org.bankcrm.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Market indicators from the client's country of residence and the markets the bank configures. */
class ChurnMarketsTest {
    static final ChurnRiskModel BASE = ConfiguredChurnPrior.load();
    static final int FEATURES = ChurnFeature.values().length;

    static ChurnRiskModel withMarkets(String... codes) {
        return new ChurnRiskModel(BASE.intercept(), BASE.terms(), BASE.horizon(), new ChurnMarkets(List.of(codes)), Map.of());
    }

    @Test
    void theFirstMarketIsTheReferenceAndEveryOtherGetsOneIndicator() {
        ChurnMarkets markets = new ChurnMarkets(List.of("FR", "DE", "ES"));
        assertThat(markets.keys()).containsExactly("market-DE", "market-ES");
        assertThat(markets.indicators("DE")).containsExactly(1, 0);
        assertThat(markets.indicators("ES")).containsExactly(0, 1);
        assertThat(markets.indicators("FR")).as("the reference").containsExactly(0, 0);
        assertThat(markets.indicators("IT")).as("outside the list").containsExactly(0, 0);
        assertThat(markets.indicators(null)).as("country not known").containsExactly(0, 0);
    }

    @Test
    void noMarketsOrOnlyTheReferenceMeansNoIndicator() {
        assertThat(ChurnMarkets.NONE.keys()).isEmpty();
        assertThat(new ChurnMarkets(List.of("FR")).indicators("FR")).isEmpty();
    }

    @Test
    void aMarketMustBeAnUpperCaseAlpha2Code() {
        assertThatThrownBy(() -> new ChurnMarkets(List.of("FR", "Germany"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Germany");
        assertThat(new ChurnMarkets(List.of("FR", " DE", "FR")).codes()).containsExactly("FR", "DE");
    }

    @Test
    void theMarketIndicatorsFollowTheFeaturesInTheInputsAndStartAtZero() {
        ChurnRiskModel model = withMarkets("FR", "DE", "ES");
        assertThat(model.keys()).hasSize(FEATURES + 2).endsWith("market-DE", "market-ES");
        double[] x = model.inputs(new ChurnFeatures(Map.of(), "ES"));
        assertThat(x).hasSize(FEATURES + 2);
        assertThat(x[FEATURES]).isZero();
        assertThat(x[FEATURES + 1]).isEqualTo(1.0);
        assertThat(model.coefficients()[FEATURES + 1]).as("learnt only: prior mean 0").isZero();
        assertThat(model.probability(new ChurnFeatures(Map.of(), "ES")))
                .isEqualTo(model.probability(new ChurnFeatures(Map.of(), "FR")));
    }

    @Test
    void aLearntMarketCoefficientRaisesTheRiskOfItsClientsAndIsAFactor() {
        ChurnRiskModel model = withMarkets("FR", "DE");
        double[] beta = model.coefficients();
        beta[FEATURES + 1] = 0.8;
        ChurnRiskModel learnt = model.withCoefficients(beta);
        assertThat(learnt.marketCoefficients()).containsEntry("market-DE", 0.8);
        double de = learnt.probability(new ChurnFeatures(Map.of(), "DE"));
        double fr = learnt.probability(new ChurnFeatures(Map.of(), "FR"));
        assertThat(Math.log(de / (1 - de)) - Math.log(fr / (1 - fr))).isCloseTo(0.8, within(1e-9));
        assertThat(learnt.factors(new ChurnFeatures(Map.of(), "DE"))).extracting(ScoreFactor::name).containsExactly("market-DE");
        assertThat(learnt.factors(new ChurnFeatures(Map.of(), "DE")).get(0).text()).contains("DE", "FR", "raises");
    }

    @Test
    void keptFeatureInputsAreLearntWithTheMarketsConfiguredToday() {
        double[] kept = new double[FEATURES - 4]; // kept before the last features were appended
        kept[ChurnFeature.COMPLAINTS.ordinal()] = 2;
        double[] x = withMarkets("FR", "DE", "ES").withMarket(kept, "DE");
        assertThat(x).hasSize(FEATURES + 2);
        assertThat(x[ChurnFeature.COMPLAINTS.ordinal()]).isEqualTo(2.0);
        assertThat(x[FEATURES]).isEqualTo(1.0);
        assertThat(ChurnRiskModel.featureInputs(x)).hasSize(FEATURES);
    }

    @Test
    void theMarketsHaveTheirOwnPriorPrecision() {
        OnlineChurnFit fit = OnlineChurnFit.fromPrior(withMarkets("FR", "DE"), 16, 1);
        assertThat(fit.precision()[FEATURES]).isEqualTo(16.0);
        assertThat(fit.precision()[FEATURES + 1]).isEqualTo(1.0);
    }

    @Test
    void aRestartWithAnotherMarketListKeepsWhatWasLearntByNameAndStartsNewMarketsAtZero() {
        ChurnRiskModel before = withMarkets("FR", "DE", "ES");
        OnlineChurnFit fit = OnlineChurnFit.fromPrior(before, 16, 1);
        double[] germany = before.inputs(new ChurnFeatures(Map.of(), "DE"));
        for (int n = 0; n < 200; n++) {
            fit.observe(germany, n % 2 == 0);
        }
        ChurnModelState state = new ChurnModelState();
        state.store(fit, before.keys(), Instant.parse("2026-12-06T10:00:00Z"));
        double learntGermany = fit.mean()[FEATURES + 1];
        assertThat(learntGermany).isGreaterThan(0.5);

        // restarted with Spain dropped and Italy added, in another order
        ChurnRiskModel after = withMarkets("FR", "IT", "DE");
        OnlineChurnFit reloaded = state.fit(OnlineChurnFit.fromPrior(after, 16, 1), after.keys());
        assertThat(reloaded.mean()).hasSize(after.keys().size() + 1);
        assertThat(reloaded.mean()[FEATURES + 1]).as("market-IT, new: the prior").isZero();
        assertThat(reloaded.precision()[FEATURES + 1]).isEqualTo(1.0);
        assertThat(reloaded.mean()[FEATURES + 2]).as("market-DE, by name").isEqualTo(learntGermany);
        assertThat(reloaded.mean()[0]).isEqualTo(fit.mean()[0]);
        ChurnRiskModel model = reloaded.model(after);
        assertThat(model.marketCoefficients()).containsOnlyKeys("market-IT", "market-DE");
        assertThat(model.probability(new ChurnFeatures(Map.of(), "DE")))
                .isGreaterThan(model.probability(new ChurnFeatures(Map.of(), "ES")));

        // and with no markets at all, the features' coefficients are kept
        OnlineChurnFit none = state.fit(OnlineChurnFit.fromPrior(BASE, 16), BASE.keys());
        assertThat(none.mean()).hasSize(FEATURES + 1).startsWith(fit.mean()[0]);
    }
}
