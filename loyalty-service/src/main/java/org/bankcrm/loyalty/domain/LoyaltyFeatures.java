package org.bankcrm.loyalty.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the loyalty scores are computed from, at one moment: the client's counters with every decayed sum
 * brought to {@code now}. Plain values, so each rule can be tested on a hand-made record.
 *
 * @param balanceTrend average balance of the last 3 months against the 12 before, minus 1 (+0.10 = 10% up);
 *        null without enough months or with a non-positive earlier balance
 * @param daysSinceActivity days since the last contact the client started or the last month with
 *        transactions; null when none was seen
 * @param npsRecency the weight left to the latest NPS answer at {@code now} (1 fresh, 0.5 after a half-life)
 * @param csatAverage decayed average of the CSAT answers (1–5), null without any
 * @param csatEvidence decayed number of CSAT answers
 */
public record LoyaltyFeatures(double tenureYears, int productsHeld, int productTypes, int productCategories,
        int productsClosed, double recentClosures, int monthsOfFinancials, double monthlyTransactions,
        Double balanceTrend, Double daysSinceActivity, double recentClientContacts, int interactions,
        Integer latestNps, Integer previousNps, double npsRecency, Double csatAverage, double csatEvidence,
        int openComplaints, int openBankCausedComplaints, int complaintsTotal, double recentComplaints,
        double recentBankCausedNegatives, double recentPositives, double recentFailureDemand) {

    /** The features of a client at {@code now}, from the incremental state alone. */
    public static LoyaltyFeatures of(ClientProfile p, Instant now, HalfLives halfLives) {
        double behaviour = Decay.factor(p.decayAsOf, now, halfLives.behaviour());
        double experience = Decay.factor(p.decayAsOf, now, halfLives.experience());
        double tenureYears = p.customerSince == null ? 0
                : Math.max(0, ChronoUnit.DAYS.between(p.customerSince, now.atOffset(ZoneOffset.UTC).toLocalDate()) / 365.25);
        List<String> held = p.heldProducts();
        int categories = (int) held.stream().map(ProductCategory::of).distinct().count();

        TreeMap<YearMonth, double[]> months = p.financialMonths();
        List<double[]> newestFirst = new ArrayList<>(months.descendingMap().values());
        List<double[]> recent = newestFirst.subList(0, Math.min(3, newestFirst.size()));
        List<double[]> before = newestFirst.size() > 3 ? newestFirst.subList(3, newestFirst.size()) : List.of();
        double monthlyTransactions = recent.stream().mapToDouble(m -> m[1]).average().orElse(0);
        Double trend = null;
        if (!recent.isEmpty() && !before.isEmpty()) {
            double recentBalance = recent.stream().mapToDouble(m -> m[0]).average().orElseThrow();
            double earlierBalance = before.stream().mapToDouble(m -> m[0]).average().orElseThrow();
            if (earlierBalance > 0) {
                trend = recentBalance / earlierBalance - 1.0;
            }
        }
        Double daysSinceActivity = p.lastActivityAt == null ? null
                : Math.max(0, Duration.between(p.lastActivityAt, now).toMillis() / 86_400_000.0);
        double csatEvidence = p.csatWeight * experience;
        Double csatAverage = p.csatWeight > 1e-9 ? p.csatSum / p.csatWeight : null;
        var open = p.openComplaintsByJourney();
        int openBank = (int) open.values().stream().filter(b -> b).count();
        double npsRecency = p.latestNpsAt == null ? 0 : Decay.factor(p.latestNpsAt, now, halfLives.experience());

        return new LoyaltyFeatures(tenureYears, held.size(), p.distinctProductTypes().size(), categories,
                p.productsClosed, p.closureWeight * behaviour, months.size(), monthlyTransactions, trend,
                daysSinceActivity, p.clientInitiatedWeight * behaviour, p.interactions, p.latestNps, p.previousNps,
                npsRecency, csatAverage, csatEvidence, open.size(), openBank, p.complaintsTotal,
                p.complaintWeight * experience, p.bankNegativeWeight * experience, p.positiveWeight * experience,
                p.failureDemandWeight * experience);
    }
}
