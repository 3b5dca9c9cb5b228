package org.bankcrm.loyalty.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Churn risk as the probability of leaving within {@code horizon}: a logistic model over the transformed
 * churn features, each measured from a typical client's value, {@code p = 1 / (1 + e^−z)},
 * {@code z = intercept + Σ coefficient · (transform(value) − transform(typical))}. A typical client's risk is
 * the logistic of the intercept; an unknown feature counts as typical. Default coefficients (the bank's
 * domain knowledge, the prior of the online fit) and why: the service README.
 */
public record ChurnRiskModel(double intercept, Map<ChurnFeature, Term> terms, Duration horizon) {
    /** The scale of the churn factors in a loyalty answer. */
    public static final String CHURN_SCALE = "CHURN";

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
    }

    public double probability(ChurnFeatures f) {
        return sigmoid(linear(inputs(f)));
    }

    /** The model's inputs in feature order (without the intercept): each feature's distance from typical. */
    public double[] inputs(ChurnFeatures f) {
        ChurnFeature[] features = ChurnFeature.values();
        double[] x = new double[features.length];
        for (int j = 0; j < features.length; j++) {
            Double value = f.value(features[j]);
            x[j] = value == null ? 0
                    : features[j].transform(value) - features[j].transform(terms.get(features[j]).typical());
        }
        return x;
    }

    public double linear(double[] x) {
        double z = intercept;
        ChurnFeature[] features = ChurnFeature.values();
        for (int j = 0; j < features.length; j++) {
            z += terms.get(features[j]).coefficient() * x[j];
        }
        return z;
    }

    /** Intercept first, then the coefficients in feature order. */
    public double[] coefficients() {
        ChurnFeature[] features = ChurnFeature.values();
        double[] beta = new double[features.length + 1];
        beta[0] = intercept;
        for (int j = 0; j < features.length; j++) {
            beta[j + 1] = terms.get(features[j]).coefficient();
        }
        return beta;
    }

    /** The same typical values with other coefficients (intercept first, then feature order). */
    public ChurnRiskModel withCoefficients(double[] beta) {
        Map<ChurnFeature, Term> changed = new EnumMap<>(ChurnFeature.class);
        ChurnFeature[] features = ChurnFeature.values();
        for (int j = 0; j < features.length; j++) {
            changed.put(features[j], new Term(beta[j + 1], terms.get(features[j]).typical()));
        }
        return new ChurnRiskModel(beta[0], changed, horizon);
    }

    /**
     * Each known feature's signed contribution to the log-odds of leaving, in words; features at their typical
     * value or with a zero coefficient (no contribution to the hundredth) are left out.
     */
    public List<ScoreFactor> factors(ChurnFeatures f) {
        double[] x = inputs(f);
        ChurnFeature[] features = ChurnFeature.values();
        List<ScoreFactor> factors = new ArrayList<>();
        for (int j = 0; j < features.length; j++) {
            double contribution = terms.get(features[j]).coefficient() * x[j];
            if (Math.abs(contribution) < 0.005) {
                continue;
            }
            factors.add(new ScoreFactor(features[j].key(), CHURN_SCALE, contribution,
                    String.format(Locale.ROOT, "%s: %s, typical %s; %s the risk of leaving", features[j].description(),
                            number(f.value(features[j])), number(terms.get(features[j]).typical()),
                            contribution > 0 ? "raises" : "lowers")));
        }
        return factors;
    }

    private static String number(double value) {
        return Math.rint(value) == value ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
