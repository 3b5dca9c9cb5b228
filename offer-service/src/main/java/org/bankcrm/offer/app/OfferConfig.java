package org.bankcrm.offer.app;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything a bank tunes in the next-best-action pipeline (documented in the README). */
@ConfigMapping(prefix = "crm.offer")
public interface OfferConfig {
    ContactPolicy contactPolicy();

    Score score();

    Model model();

    ResponseDating response();

    ControlGroup controlGroup();

    Decision decision();

    Cache cache();

    Kpi kpi();

    /** The monthly snapshot of the analytical KPIs (OfferKpiSnapshots). */
    interface Kpi {
        Snapshot snapshot();

        /**
         * Answers each side (model-ranked, control group) needs before an offer's or a category's uplift is stated;
         * below it the KPIs say "not enough data".
         */
        @WithDefault("30")
        int upliftMinAnswers();

        interface Snapshot {
            /** Quarkus cron (UTC), "off" to disable: daily, so a missed day is made up; the closed month is written once. */
            @WithDefault("0 50 2 * * ?")
            String cron();
        }
    }

    /** What a channel may send in a decision's context.features: each allowed name with its range. */
    Map<String, ContextFeature> contextFeatures();

    interface ContextFeature {
        double min();

        double max();
    }

    interface ContactPolicy {
        /** A declined action is not offered again within this time. */
        @WithDefault("30d")
        Duration reofferCooldown();

        /** At most this many sales presentations per client in 7 days. */
        @WithDefault("3")
        int weeklySalesCap();

        /** No sales within this time after a negative bank-caused experience; service recovery is needed within it. */
        @WithDefault("14d")
        Duration noSalesAfterNegativeExperience();
    }

    interface Score {
        /** The margin that counts as value 1.0. */
        @WithDefault("200")
        double valueScale();

        /** Floor of the value component, so cost actions (service recovery) still rank by need. */
        @WithDefault("0.1")
        double minValue();

        @WithDefault("1.2")
        double assistedChannelWeight();

        /** Context weight of service recovery after a negative bank-caused experience. */
        @WithDefault("5.0")
        double recoveryWeight();

        @WithDefault("1.2")
        double positiveExperienceWeight();

        @WithDefault("1.5")
        double churnRetentionWeight();

        /** loyalty-service's churn-risk-raised threshold: a 6-month leaving probability worth a retention action. */
        @WithDefault("0.2")
        double churnRiskThreshold();

        /** Lever weight of the category the value strategy favours. */
        @WithDefault("1.5")
        double strategyWeight();

        /** Lever weight of the category the loyalty type favours. */
        @WithDefault("1.5")
        double loyaltyWeight();

        /** Context weight of the category that answers the reason the client gave at the channel. */
        @WithDefault("1.5")
        double contactReasonWeight();
    }

    interface Model {
        /** Prior precision of each non-bias weight (1 / variance): lower explores more. */
        @WithDefault("4.0")
        double weightPrecision();

        /** Days since the last contact about an offer count up to this many; older contacts are not read at all. */
        @WithDefault("365")
        int daysSinceContactCap();

        /**
         * Share of each weight's precision kept after every answer (1 = never forget), never below the prior's: the
         * model's memory is about 1 / (1 - forgetting) answers, so behaviour that drifts is followed.
         */
        @WithDefault("0.9995")
        double forgetting();

        /** Answers in the monitoring window: online AUC and calibration over the last this many, feature drift's memory. */
        @WithDefault("1000")
        int monitorWindow();

        /**
         * Equal-width bands of its range each measured context feature also gets (0 = linear only): the moment acts by
         * regimes (docs/propensity.md: What the model sees).
         */
        @WithDefault("4")
        int contextBands();
    }

    interface ResponseDating {
        /**
         * How far back a response's {@code respondedAt} may lie: an answer logged after the fact, or an earlier contact
         * handed over by a campaign system; older contacts are not read by the features anyway (days-since cap).
         */
        @WithDefault("365d")
        Duration maxAge();
    }

    interface ControlGroup {
        /** Share of clients (per month) whose decisions are ranked at random. */
        @WithDefault("0.05")
        double share();

        /** z of the uplift's confidence interval (1.96 → 95 %). */
        @WithDefault("1.96")
        double z();
    }

    interface Decision {
        @WithDefault("3")
        int defaultLimit();

        @WithDefault("10")
        int maxLimit();

        /** Channel of an event-chain decision when the client has no known latest channel. */
        @WithDefault("MOBILE_APP")
        String defaultChannel();

        /** The bank's time zone: "today" for a decision's contact date (context.contactDate absent or checked). */
        @WithDefault("UTC")
        java.time.ZoneId bankZone();

        /** How far ahead a decision's planned contact date may lie (context.contactDate). */
        @WithDefault("365")
        int contactDateMaxDaysAhead();
    }

    interface Cache {
        /** How stale another replica's catalogue or model change may be here: the longest time between two checks. */
        @WithDefault("1s")
        Duration refreshInterval();
    }
}
