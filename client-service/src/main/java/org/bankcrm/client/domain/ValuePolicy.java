package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value-based approach: profitability (revenue - cost to serve over the trailing months) and
 * potential (income, life stage, product gaps, balance trend) place a client in a quadrant; the quadrant
 * and the loyalty signals we hold (tenure, products) choose the strategy.
 */
public final class ValuePolicy {
    private final ValueRules rules;

    public ValuePolicy(ValueRules rules) {
        this.rules = rules;
    }

    public ClientValue assess(ValueFacts facts) {
        List<String> reasons = new ArrayList<>();
        YearMonth current = YearMonth.from(facts.today());
        YearMonth from = current.minusMonths(rules.trailingMonths() - 1L);
        List<MonthFigures> window = facts.months().stream()
                .filter(m -> !m.month().isBefore(from) && !m.month().isAfter(current))
                .sorted(Comparator.comparing(MonthFigures::month))
                .toList();
        BigDecimal profitability = window.stream().map(MonthFigures::margin).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
        boolean profitable = profitability.compareTo(rules.profitableAbove()) > 0;
        reasons.add("profitability over the last %d months (%d with figures) is %s: %s".formatted(rules.trailingMonths(),
                window.size(), profitability.toPlainString(), profitable ? "profitable" : "unprofitable"));

        Map<String, Double> components = new LinkedHashMap<>();
        components.put("income", incomeScore(facts.incomeBracket()));
        LifeStage stage = LifeStage.of(facts.type(), facts.age());
        components.put("lifeStage", rules.lifeStageScores().getOrDefault(stage, 0.0));
        Set<ProductType> expected = facts.expectedProducts().isEmpty() ? rules.baselineProducts() : facts.expectedProducts();
        Set<ProductType> missing = missing(expected, facts.heldProducts());
        components.put("productGap", expected.isEmpty() ? 0.0 : (double) missing.size() / expected.size());
        components.put("balanceTrend", balanceTrendScore(window));
        double weighted = rules.incomeWeight() * components.get("income")
                + rules.lifeStageWeight() * components.get("lifeStage")
                + rules.productGapWeight() * components.get("productGap")
                + rules.balanceTrendWeight() * components.get("balanceTrend");
        double weights = rules.incomeWeight() + rules.lifeStageWeight() + rules.productGapWeight() + rules.balanceTrendWeight();
        double potential = weights <= 0 ? 0 : Math.round(1000 * weighted / weights) / 10.0;
        boolean high = potential >= rules.highPotentialFrom();
        reasons.add("potential %.1f (income %s, life stage %s, lacks %d of %d expected products, balance trend %.2f) is %s"
                .formatted(potential, facts.incomeBracket() == null ? "unknown" : facts.incomeBracket(), stage,
                        missing.size(), expected.size(), components.get("balanceTrend"), high ? "high" : "low"));

        ValueQuadrant quadrant = ValueQuadrant.of(profitable, high);
        ValueStrategy strategy = strategy(quadrant, facts, window, reasons);
        return new ClientValue(profitability, potential, components, quadrant, strategy, List.copyOf(reasons), window.size());
    }

    private ValueStrategy strategy(ValueQuadrant quadrant, ValueFacts facts, List<MonthFigures> window, List<String> reasons) {
        if (quadrant.profitable()) {
            if (quadrant.highPotential()) {
                reasons.add("profitable with high potential: develop the relationship (second product, more funds)");
                return ValueStrategy.DEVELOP;
            }
            int tenure = facts.customerSince() == null ? 0 : Period.between(facts.customerSince(), facts.today()).getYears();
            int products = facts.heldProducts().size();
            if (tenure >= rules.delightMinTenureYears() && products >= rules.delightMinProducts()) {
                reasons.add("profitable and loyal (%d years, %d products): delight".formatted(tenure, products));
                return ValueStrategy.DELIGHT;
            }
            reasons.add("profitable with low potential, %d years and %d products: retain".formatted(tenure, products));
            return ValueStrategy.RETAIN;
        }
        if (quadrant.highPotential()) {
            reasons.add("unprofitable with high potential: reprice (tariff) so the relationship pays");
            return ValueStrategy.REPRICE;
        }
        BigDecimal revenue = window.stream().map(MonthFigures::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal cost = window.stream().map(MonthFigures::costToServe).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean costly = cost.signum() > 0 && (revenue.signum() <= 0
                || cost.doubleValue() / revenue.doubleValue() >= rules.serviceLevelCostRatio());
        if (costly) {
            reasons.add("unprofitable with low potential, cost to serve %s against revenue %s: move to another service level"
                    .formatted(cost.toPlainString(), revenue.toPlainString()));
            return ValueStrategy.CHANGE_SERVICE_LEVEL;
        }
        reasons.add("unprofitable with low potential and no costly servicing: find the motives that could make the client profitable");
        return ValueStrategy.FIND_MOTIVES;
    }

    private double incomeScore(IncomeBracket bracket) {
        return bracket == null ? rules.unknownIncomeScore() : rules.incomeScores().getOrDefault(bracket, rules.unknownIncomeScore());
    }

    static Set<ProductType> missing(Set<ProductType> expected, List<ProductType> held) {
        Set<ProductType> missing = expected.isEmpty() ? EnumSet.noneOf(ProductType.class) : EnumSet.copyOf(expected);
        held.forEach(missing::remove);
        return missing;
    }

    /**
     * 0.5 is flat; the relative change of the mean balance of the latest months against the months before
     * them moves it, +50 % or more scoring 1 and -50 % or less 0. Too little history is flat.
     */
    double balanceTrendScore(List<MonthFigures> window) {
        int span = Math.min(rules.balanceTrendMonths(), window.size() / 2);
        if (span < 1) {
            return 0.5;
        }
        List<MonthFigures> recent = window.subList(window.size() - span, window.size());
        List<MonthFigures> before = window.subList(window.size() - 2 * span, window.size() - span);
        double recentMean = recent.stream().mapToDouble(m -> m.averageBalance().doubleValue()).average().orElse(0);
        double beforeMean = before.stream().mapToDouble(m -> m.averageBalance().doubleValue()).average().orElse(0);
        double change = (recentMean - beforeMean) / Math.max(Math.abs(beforeMean), 1.0);
        return Math.max(0, Math.min(1, 0.5 + change));
    }
}
