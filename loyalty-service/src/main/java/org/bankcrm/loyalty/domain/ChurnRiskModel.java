package org.bankcrm.loyalty.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Churn risk as the probability of leaving within {@code horizon}: a logistic model over the transformed
 * churn features, each measured from a typical client's value, {@code p = 1 / (1 + e^−z)},
 * {@code z = intercept + Σ coefficient · (transform(value) − transform(typical))}. A typical client's risk is
 * the logistic of the intercept; an unknown feature counts as typical. Default coefficients (the bank's
 * domain knowledge, the prior of the online fit) and why: the service's docs/churn.md.
 */
public record ChurnRiskModel(double intercept, Map<ChurnFeature, Term> terms, Duration horizon, ChurnMarkets markets,
        Map<String, Double> marketCoefficients) {
    /** The scale of the churn factors in a loyalty answer. */
    public static final String CHURN_SCALE = "CHURN";
    /** The features computed from the read model, before the market indicators. */
    public static final int FEATURES = ChurnFeature.values().length;

    /** One feature's coefficient (per transformed unit) and the typical client's raw value it is measured from. */
    public record Term(double coefficient, double typical) {
    }

    public ChurnRiskModel {
        for (ChurnFeature feature : ChurnFeature.values()) {
            if (!terms.containsKey(feature)) {
                throw new IllegalArgumentException("no coefficient for the churn feature " + feature.key());
            }
        }
        terms = Map.copyOf(terms);
        Map<String, Double> byKey = new LinkedHashMap<>();
        for (String key : markets.keys()) {
            byKey.put(key, marketCoefficients.getOrDefault(key, 0.0));
        }
        marketCoefficients = Collections.unmodifiableMap(byKey);
    }

    /** A model without market indicators. */
    public ChurnRiskModel(double intercept, Map<ChurnFeature, Term> terms, Duration horizon) {
        this(intercept, terms, horizon, ChurnMarkets.NONE, Map.of());
    }

    /** The inputs' keys in order: the features, then the market indicators. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (ChurnFeature feature : ChurnFeature.values()) {
            keys.add(feature.key());
        }
        keys.addAll(markets.keys());
        return keys;
    }

    public double probability(ChurnFeatures f) {
        return sigmoid(linear(inputs(f)));
    }

    /**
     * The model's inputs (without the intercept): each feature's distance from typical in feature order, then the
     * market indicators of the client's country.
     */
    public double[] inputs(ChurnFeatures f) {
        ChurnFeature[] features = ChurnFeature.values();
        double[] x = new double[FEATURES];
        for (int j = 0; j < features.length; j++) {
            Double value = f.value(features[j]);
            x[j] = value == null ? 0
                    : features[j].transform(value) - features[j].transform(terms.get(features[j]).typical());
        }
        return withMarket(x, f.countryOfResidence());
    }

    /**
     * Full inputs from kept feature inputs (features appended since they were kept count as typical, 0) and the
     * client's country then, with today's markets: what a stored snapshot or observation is learnt from.
     */
    public double[] withMarket(double[] featureInputs, String countryOfResidence) {
        double[] markets = this.markets.indicators(countryOfResidence);
        double[] x = Arrays.copyOf(featureInputs, FEATURES + markets.length);
        System.arraycopy(markets, 0, x, FEATURES, markets.length);
        return x;
    }

    /** The feature part of full inputs (what is kept: the market part follows from the country and the markets). */
    public static double[] featureInputs(double[] inputs) {
        return Arrays.copyOf(inputs, FEATURES);
    }

    public double linear(double[] x) {
        double[] beta = coefficients();
        double z = beta[0];
        for (int j = 0; j < x.length; j++) {
            z += beta[j + 1] * x[j];
        }
        return z;
    }

    /** Intercept first, then the coefficients in {@link #keys()} order. */
    public double[] coefficients() {
        ChurnFeature[] features = ChurnFeature.values();
        List<String> marketKeys = markets.keys();
        double[] beta = new double[features.length + marketKeys.size() + 1];
        beta[0] = intercept;
        for (int j = 0; j < features.length; j++) {
            beta[j + 1] = terms.get(features[j]).coefficient();
        }
        for (int m = 0; m < marketKeys.size(); m++) {
            beta[features.length + m + 1] = marketCoefficients.get(marketKeys.get(m));
        }
        return beta;
    }

    /** The same typical values and markets with other coefficients (intercept first, then {@link #keys()} order). */
    public ChurnRiskModel withCoefficients(double[] beta) {
        Map<ChurnFeature, Term> changed = new EnumMap<>(ChurnFeature.class);
        ChurnFeature[] features = ChurnFeature.values();
        for (int j = 0; j < features.length; j++) {
            changed.put(features[j], new Term(beta[j + 1], terms.get(features[j]).typical()));
        }
        Map<String, Double> market = new LinkedHashMap<>();
        List<String> marketKeys = markets.keys();
        for (int m = 0; m < marketKeys.size(); m++) {
            market.put(marketKeys.get(m), beta[features.length + m + 1]);
        }
        return new ChurnRiskModel(beta[0], changed, horizon, markets, market);
    }

    /**
     * Each known feature's signed contribution to the log-odds of leaving, in words; features at their typical
     * value or with a zero coefficient (no contribution to the hundredth) are left out.
     */
    public List<ScoreFactor> factors(ChurnFeatures f) {
        double[] x = inputs(f);
        double[] beta = coefficients();
        ChurnFeature[] features = ChurnFeature.values();
        List<String> keys = keys();
        List<ScoreFactor> factors = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            double contribution = beta[j + 1] * x[j];
            if (Math.abs(contribution) < 0.005) {
                continue;
            }
            String words = j < features.length
                    ? String.format(Locale.ROOT, "%s: %s, typical %s", features[j].description(),
                            shown(features[j], f.value(features[j])), number(terms.get(features[j]).typical()))
                    : String.format(Locale.ROOT, "lives in %s (against %s)", f.countryOfResidence(), markets.codes().get(0));
            factors.add(new ScoreFactor(keys.get(j), CHURN_SCALE, contribution,
                    words + "; " + (contribution > 0 ? "raises" : "lowers") + " the risk of leaving"));
        }
        return factors;
    }

    /**
     * A feature's value as the factor's words show it. The age only as its five-year band: the exact age (from the year
     * of birth) would let whoever reads the factors work the year of birth back out, which client-service shows no one
     * but in a band either.
     */
    static String shown(ChurnFeature feature, double value) {
        if (feature == ChurnFeature.AGE) {
            int from = (int) Math.floor(value / 5) * 5;
            return from + "–" + (from + 4);
        }
        return number(value);
    }

    private static String number(double value) {
        return Math.rint(value) == value ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
