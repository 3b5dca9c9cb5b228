package org.bankcrm.interaction.app;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a bank tunes in interaction-service ({@code crm.interaction.*}); documented in the service README. */
@ConfigMapping(prefix = "crm.interaction")
public interface InteractionConfig {

    /** How far in the future a touchpoint's occurredAt may lie: the clock difference tolerated between systems. */
    @WithDefault("2m")
    Duration clockSkew();

    Journey journey();

    Findings findings();

    /** Thresholds of GET /api/v1/cx/findings. */
    interface Findings {
        /** Days of the period examined (ending on the day asked for); it is compared with the same number of days before. */
        @WithDefault("28")
        int periodDays();

        /** A channel is flagged when its average CSAT fell by at least this much (on the 1–5 scale). */
        @WithDefault("0.3")
        double csatDrop();

        /** ... and had at least this many CSAT answers in each of the two periods. */
        @WithDefault("20")
        long minCsatResponses();

        /** A need is flagged when this share of its touchpoints or more were repeat contacts ... */
        @WithDefault("0.15")
        double repeatContactRate();

        /** ... out of at least this many touchpoints. */
        @WithDefault("20")
        long minTouchpoints();
    }

    Metrics metrics();

    Kpi kpi();

    /** The monthly snapshot of the KPIs (CxKpiSnapshots). */
    interface Kpi {
        Snapshot snapshot();

        interface Snapshot {
            /** Quarkus cron (UTC), "off" to disable: daily, so a missed day is made up; the closed month is written once. */
            @WithDefault("0 30 2 * * ?")
            String cron();
        }
    }

    interface Metrics {
        /** Days reported by GET /api/v1/cx/metrics when from is not given (ending on to, or today). */
        @WithDefault("30")
        int defaultDays();

        /**
         * Rows each day's counter cell is spread over (by clientId), so that concurrent touchpoints of different
         * clients on the same day, channel, need and cause detail do not queue on one row lock.
         */
        @WithDefault("16")
        int counterShards();

        /** How often the counters of days before yesterday are folded back into one row per cell (0: never). */
        @WithDefault("1h")
        Duration compactInterval();
    }

    interface Journey {
        /** Contacts about one need form one journey while each comes within this time of the one before. */
        @WithDefault("14d")
        Duration window();

        /** The same need again within this time of a resolving contact is a repeat contact (failure demand). */
        @WithDefault("7d")
        Duration repeatContactWindow();

        /**
         * The sweep leaves an open journey alone for this long after a contact was last recorded on it, so that
         * contacts reported late or backfilled (whose time is long past) still join it.
         */
        @WithDefault("1d")
        Duration lateContactGrace();

        /** How often open journeys nobody came back to within the window are closed as abandoned. */
        @WithDefault("5m")
        Duration sweepInterval();

        /** Journeys closed per sweep transaction. */
        @WithDefault("200")
        int sweepBatchSize();
    }
}
