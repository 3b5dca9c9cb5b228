package org.bankcrm.loyalty.domain;

import java.time.Duration;
import java.time.YearMonth;

/**
 * Observed churn of one month against the risk predicted before it. The ratios are defined here once, for the live
 * figures and the monthly snapshots alike.
 *
 * @param atRisk             clients with a churn risk held at the month's start (their newest score before it), not gone then
 * @param predictedRiskSum   the sum of those risks (probabilities of leaving within the horizon)
 * @param leavers            those of them who left during the month
 * @param departures         every client who left during the month (with or without a risk held before)
 * @param departuresScored   departures with a churn risk held before leaving (their newest score before the departure)
 * @param departuresRiskSum  the sum of those risks
 */
public record ChurnMonth(YearMonth month, long atRisk, double predictedRiskSum, long leavers, long departures,
        long departuresScored, double departuresRiskSum) {

    /** The mean risk of leaving within the horizon held at the month's start: null with nobody at risk. */
    public Double meanPredictedRisk() {
        return atRisk == 0 ? null : round(predictedRiskSum / atRisk);
    }

    /**
     * The mean predicted risk brought to this month's length, assuming a constant hazard over the horizon:
     * {@code 1 − (1 − p̄)^(days / horizon)}. Comparable with {@link #observedRate()}.
     */
    public Double predictedMonthlyRate(Duration horizon) {
        if (atRisk == 0) {
            return null;
        }
        return round(1 - Math.pow(1 - predictedRiskSum / atRisk, days() / horizonDays(horizon)));
    }

    /** Share of the clients at risk at the month's start who left during it: null with nobody at risk. */
    public Double observedRate() {
        return atRisk == 0 ? null : round((double) leavers / atRisk);
    }

    /** The observed monthly rate brought to the horizon, {@code 1 − (1 − r)^(horizon / days)}: comparable with the mean risk. */
    public Double observedHorizonRate(Duration horizon) {
        if (atRisk == 0) {
            return null;
        }
        return round(1 - Math.pow(1 - (double) leavers / atRisk, horizonDays(horizon) / days()));
    }

    /** The mean risk the month's leavers held before leaving: null when none had one. */
    public Double departuresMeanPredictedRisk() {
        return departuresScored == 0 ? null : round(departuresRiskSum / departuresScored);
    }

    private double days() {
        return month.lengthOfMonth();
    }

    private static double horizonDays(Duration horizon) {
        return horizon.toSeconds() / 86_400.0;
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
