package org.bankcrm.loyalty.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the client does, 0–100: each part scores 0–1 and moves the score by
 * {@code 100 · weight · (part − 0.5) / Σweights} around the neutral 50; recent product closures subtract
 * a penalty each. Formula and defaults: loyalty-service/docs/scores.md.
 */
public final class BehaviouralLoyalty {

    /**
     * @param tenureYearsForFull tenure at which the tenure part is full
     * @param productTypesForFull / productCategoriesForFull depth at which the depth part is full
     * @param transactionsForFull monthly transactions (last 3 months) at which frequency is full
     * @param clientContactsForFull decayed contacts the client started at which engagement is full
     * @param balanceTrendForFull balance growth (0.5 = +50%) that makes the trend part full; its negative empties it
     * @param closurePenalty points off per (decayed) product closure, at most {@code closurePenaltyCap}
     * @param productTypesShare share of product types in the depth part (the rest: product categories)
     */
    public record Weights(double tenure, double productDepth, double transactionFrequency, double contactEngagement,
            double recency, double balanceTrend, double tenureYearsForFull, int productTypesForFull,
            int productCategoriesForFull, double transactionsForFull, double clientContactsForFull,
            double balanceTrendForFull, double closurePenalty, double closurePenaltyCap, double productTypesShare) {
    }

    private final Weights w;
    private final double recencyHalfLifeDays;

    public BehaviouralLoyalty(Weights weights, java.time.Duration recencyHalfLife) {
        this.w = weights;
        this.recencyHalfLifeDays = recencyHalfLife.toMillis() / 86_400_000.0;
    }

    public ScoreCard score(LoyaltyFeatures f) {
        double total = w.tenure() + w.productDepth() + w.transactionFrequency() + w.contactEngagement() + w.recency()
                + w.balanceTrend();
        List<ScoreFactor> factors = new ArrayList<>();
        part(factors, total, "tenure", w.tenure(), capped(f.tenureYears() / w.tenureYearsForFull()),
                f.tenureYears() < 1 ? "client for %d months".formatted((int) Math.floor(f.tenureYears() * 12))
                        : fmt("client for %.1f years", f.tenureYears()));
        double depth = w.productTypesShare() * capped((double) f.productTypes() / w.productTypesForFull())
                + (1 - w.productTypesShare()) * capped((double) f.productCategories() / w.productCategoriesForFull());
        part(factors, total, "productDepth", w.productDepth(), depth,
                "holds %d products of %d types in %d of %d product categories".formatted(f.productsHeld(),
                        f.productTypes(), f.productCategories(), ProductCategory.values().length));
        part(factors, total, "transactionFrequency", w.transactionFrequency(),
                capped(f.monthlyTransactions() / w.transactionsForFull()),
                f.monthsOfFinancials() == 0 ? "no monthly financials received yet"
                        : fmt("%.0f transactions a month over the last months recorded", f.monthlyTransactions()));
        part(factors, total, "contactEngagement", w.contactEngagement(),
                capped(f.recentClientContacts() / w.clientContactsForFull()),
                fmt("started about %.1f contacts with the bank recently (older ones weigh less)", f.recentClientContacts()));
        double recency = f.daysSinceActivity() == null ? 0 : Math.pow(2, -f.daysSinceActivity() / recencyHalfLifeDays);
        part(factors, total, "recency", w.recency(), recency, f.daysSinceActivity() == null ? "no activity seen yet"
                : "last activity %d days ago".formatted((int) Math.floor(f.daysSinceActivity())));
        double trendPart = f.balanceTrend() == null ? 0.5
                : capped(0.5 + f.balanceTrend() / (2 * w.balanceTrendForFull()));
        part(factors, total, "balanceTrend", w.balanceTrend(), trendPart, f.balanceTrend() == null
                ? "not enough months of financials for a balance trend"
                : fmt("balances of the last 3 months are %+.0f%% against the months before", f.balanceTrend() * 100));
        if (f.recentClosures() > 0.01) {
            double penalty = Math.min(w.closurePenaltyCap(), w.closurePenalty() * f.recentClosures());
            factors.add(new ScoreFactor("productClosures", ScoreFactor.BEHAVIOURAL, -penalty,
                    "closed %d product%s, %s".formatted(f.productsClosed(), f.productsClosed() == 1 ? "" : "s",
                            fmt("weighing %.1f after decay", f.recentClosures()))));
        }
        double score = 50 + factors.stream().mapToDouble(ScoreFactor::contribution).sum();
        return new ScoreCard(LoyaltyScoring.clampScore(score), sorted(factors));
    }

    private static void part(List<ScoreFactor> factors, double total, String name, double weight, double part, String text) {
        if (weight <= 0) {
            return;
        }
        factors.add(new ScoreFactor(name, ScoreFactor.BEHAVIOURAL, 100 * weight * (part - 0.5) / total, text));
    }

    static double capped(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static List<ScoreFactor> sorted(List<ScoreFactor> factors) {
        factors.sort(Comparator.comparingDouble((ScoreFactor f) -> -Math.abs(f.contribution())));
        return List.copyOf(factors);
    }
}
