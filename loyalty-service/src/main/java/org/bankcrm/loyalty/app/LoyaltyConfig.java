package org.bankcrm.loyalty.app;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bankcrm.loyalty.domain.BehaviouralLoyalty;
import org.bankcrm.loyalty.domain.ChurnFeature;
import org.bankcrm.loyalty.domain.ChurnMarkets;
import org.bankcrm.loyalty.domain.ChurnRiskModel;
import org.bankcrm.loyalty.domain.HalfLives;
import org.bankcrm.loyalty.domain.LoyaltyScoring;
import org.bankcrm.loyalty.domain.LoyaltyType;
import org.bankcrm.loyalty.domain.PerceivedLoyalty;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a bank tunes in loyalty-service ({@code crm.loyalty.*}); every property and formula is in the service README. */
@ConfigMapping(prefix = "crm.loyalty")
public interface LoyaltyConfig {

    HalfLife halfLife();

    Behavioural behavioural();

    Perceived perceived();

    Type type();

    Churn churn();

    Kpi kpi();

    /** The monthly snapshot of the analytical KPIs (LoyaltyKpiSnapshots). */
    interface Kpi {
        Snapshot snapshot();

        interface Snapshot {
            /** Quarkus cron (UTC), "off" to disable: daily, so a missed day is made up; the closed month is written once. */
            @WithDefault("0 40 2 * * ?")
            String cron();
        }
    }

    interface HalfLife {
        /** NPS, CSAT, complaints, negative/positive experiences, repeat contacts. */
        @WithDefault("90d")
        Duration experience();

        /** Contacts the client started, product closures. */
        @WithDefault("180d")
        Duration behaviour();

        /** The recency part of behavioural loyalty: time since the last activity. */
        @WithDefault("30d")
        Duration recency();
    }

    interface Behavioural {
        @WithDefault("20")
        double tenureWeight();

        @WithDefault("30")
        double productDepthWeight();

        @WithDefault("15")
        double transactionFrequencyWeight();

        @WithDefault("5")
        double contactEngagementWeight();

        @WithDefault("10")
        double recencyWeight();

        @WithDefault("20")
        double balanceTrendWeight();

        @WithDefault("10")
        double tenureYearsForFull();

        @WithDefault("5")
        int productTypesForFull();

        @WithDefault("3")
        int productCategoriesForFull();

        @WithDefault("30")
        double transactionsForFull();

        @WithDefault("3")
        double clientContactsForFull();

        @WithDefault("0.5")
        double balanceTrendForFull();

        @WithDefault("10")
        double closurePenalty();

        @WithDefault("30")
        double closurePenaltyCap();

        /** Share of product types in the depth part; the rest goes to product categories. */
        @WithDefault("0.5")
        double productTypesShare();
    }

    interface Perceived {
        @WithDefault("25")
        double npsWeight();

        @WithDefault("10")
        double npsTrendWeight();

        @WithDefault("15")
        double csatWeight();

        @WithDefault("5")
        double complaintPenalty();

        @WithDefault("8")
        double openComplaintPenalty();

        @WithDefault("6")
        double bankCausedNegativePenalty();

        @WithDefault("3")
        double positiveBonus();

        @WithDefault("15")
        double positiveBonusCap();

        @WithDefault("3")
        double repeatContactPenalty();
    }

    interface Type {
        /** Behavioural score from which behaviour counts as high (TRUE or SPURIOUS). */
        @WithDefault("60")
        double behaviouralHigh();

        /** Perceived score from which feeling counts as high (TRUE or LATENT). */
        @WithDefault("60")
        double perceivedHigh();
    }

    interface Churn {
        /** Log-odds of leaving within the horizon for a client whose every feature is typical. */
        @WithDefault("-2.944")
        double intercept();

        /** The horizon the probability is about; also how long a snapshot waits to become a negative. */
        @WithDefault("180d")
        Duration horizon();

        /** How firmly the online fit holds the prior's coefficients (Gaussian precision; 16 = a standard deviation of 0.25). */
        @WithDefault("16")
        double priorPrecision();

        /**
         * The markets (ISO 3166-1 alpha-2 countries of residence, e.g. FR,DE,ES): the first is the reference, each other
         * gets an indicator market-&lt;code&gt;, learnt only (prior mean 0). Empty: no market indicators.
         */
        Optional<List<String>> markets();

        /** The precision of the market indicators' prior (mean 0): 1 = a standard deviation of 1 in log-odds. */
        @WithDefault("1")
        double marketPrecision();

        /** Observations (newest first) over which GET /churn-model reports AUC, Brier score and reliability. */
        @WithDefault("10000")
        int reportWindow();

        /** Newest observations of the monitoring window: its AUC and Brier score, its feature means against all. */
        @WithDefault("1000")
        int monitorWindow();

        /** How often the monitoring gauges (crm_churn_model_*) are recomputed. */
        @WithDefault("1m")
        Duration monitorInterval();

        /** How often snapshots older than the horizon of clients still here are labelled negative. */
        @WithDefault("1h")
        Duration labellingInterval();

        /** Clients labelled per round of that job. */
        @WithDefault("500")
        int labellingBatch();

        /** Per feature key (crm.loyalty.churn.coefficient.activity, …): log-odds per transformed unit. */
        Map<String, Double> coefficient();

        /** Per feature key: the typical client's raw value, from which each feature is measured. */
        Map<String, Double> typical();

        /** crm.loyalty.churn-risk-raised is published when the risk crosses this from below. */
        @WithDefault("0.2")
        double raisedThreshold();
    }

    /** The configuration as the domain's plain rules. */
    default LoyaltyScoring.Rules rules() {
        Behavioural b = behavioural();
        Perceived p = perceived();
        Churn c = churn();
        return new LoyaltyScoring.Rules(
                new BehaviouralLoyalty.Weights(b.tenureWeight(), b.productDepthWeight(), b.transactionFrequencyWeight(),
                        b.contactEngagementWeight(), b.recencyWeight(), b.balanceTrendWeight(), b.tenureYearsForFull(),
                        b.productTypesForFull(), b.productCategoriesForFull(), b.transactionsForFull(),
                        b.clientContactsForFull(), b.balanceTrendForFull(), b.closurePenalty(), b.closurePenaltyCap(),
                        b.productTypesShare()),
                new PerceivedLoyalty.Weights(p.npsWeight(), p.npsTrendWeight(), p.csatWeight(), p.complaintPenalty(),
                        p.openComplaintPenalty(), p.bankCausedNegativePenalty(), p.positiveBonus(), p.positiveBonusCap(),
                        p.repeatContactPenalty()),
                new LoyaltyType.TypeThresholds(type().behaviouralHigh(), type().perceivedHigh()),
                churnPrior(c),
                new HalfLives(halfLife().experience(), halfLife().behaviour(), halfLife().recency()));
    }

    private static ChurnRiskModel churnPrior(Churn c) {
        Map<ChurnFeature, ChurnRiskModel.Term> terms = new EnumMap<>(ChurnFeature.class);
        for (ChurnFeature feature : ChurnFeature.values()) {
            Double coefficient = c.coefficient().get(feature.key());
            Double typical = c.typical().get(feature.key());
            if (coefficient == null || typical == null) {
                throw new IllegalStateException("crm.loyalty.churn.coefficient." + feature.key() + " and crm.loyalty.churn.typical."
                        + feature.key() + " must be configured");
            }
            terms.put(feature, new ChurnRiskModel.Term(coefficient, typical));
        }
        return new ChurnRiskModel(c.intercept(), terms, c.horizon(), new ChurnMarkets(c.markets().orElse(List.of())), Map.of());
    }
}
