package org.bankcrm.client.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ValuePolicyTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    static final List<ProductType> ALL_BASELINE = List.of(ProductType.CURRENT_ACCOUNT, ProductType.DEBIT_CARD,
            ProductType.SAVINGS_ACCOUNT, ProductType.INSURANCE);
    final ValuePolicy policy = new ValuePolicy(ValueRules.defaults());

    /** Twelve months up to this one with the same revenue, cost and balance. */
    static List<MonthFigures> months(double revenue, double cost, double balance) {
        List<MonthFigures> months = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            months.add(new MonthFigures(YearMonth.from(TODAY).minusMonths(i), BigDecimal.valueOf(revenue),
                    BigDecimal.valueOf(cost), BigDecimal.valueOf(balance)));
        }
        return months;
    }

    /** 35, high income, only a current account: high potential. */
    static ValueFacts promising(List<MonthFigures> months) {
        return new ValueFacts(ClientType.INDIVIDUAL, 35, IncomeBracket.HIGH, LocalDate.of(2024, 1, 1),
                List.of(ProductType.CURRENT_ACCOUNT), Set.of(), months, TODAY);
    }

    /** 70, low income, holds everything expected: low potential. */
    static ValueFacts settled(LocalDate customerSince, List<MonthFigures> months) {
        return new ValueFacts(ClientType.INDIVIDUAL, 70, IncomeBracket.LOW, customerSince, ALL_BASELINE, Set.of(), months, TODAY);
    }

    @Test
    void profitableClientWithHighPotentialIsToBeDeveloped() {
        ClientValue value = policy.assess(promising(months(50, 20, 3000)));
        assertThat(value.profitability()).isEqualByComparingTo("360.00");
        assertThat(value.potential()).isEqualTo(85.0);
        assertThat(value.quadrant()).isEqualTo(ValueQuadrant.PROFITABLE_HIGH_POTENTIAL);
        assertThat(value.strategy()).isEqualTo(ValueStrategy.DEVELOP);
        assertThat(value.reasons()).hasSize(3).last().asString().contains("develop");
    }

    @Test
    void profitableLongStandingClientWithManyProductsAndLowPotentialIsToBeDelighted() {
        ClientValue value = policy.assess(settled(LocalDate.of(2015, 6, 1), months(50, 20, 3000)));
        assertThat(value.quadrant()).isEqualTo(ValueQuadrant.PROFITABLE_LOW_POTENTIAL);
        assertThat(value.strategy()).isEqualTo(ValueStrategy.DELIGHT);
    }

    @Test
    void profitableNewClientWithLowPotentialIsToBeRetained() {
        ClientValue value = policy.assess(settled(LocalDate.of(2025, 6, 1), months(50, 20, 3000)));
        assertThat(value.quadrant()).isEqualTo(ValueQuadrant.PROFITABLE_LOW_POTENTIAL);
        assertThat(value.strategy()).isEqualTo(ValueStrategy.RETAIN);
    }

    @Test
    void unprofitableClientWithHighPotentialIsToBeRepriced() {
        ClientValue value = policy.assess(promising(months(10, 30, 3000)));
        assertThat(value.quadrant()).isEqualTo(ValueQuadrant.UNPROFITABLE_HIGH_POTENTIAL);
        assertThat(value.strategy()).isEqualTo(ValueStrategy.REPRICE);
    }

    @Test
    void unprofitableClientWithLowPotentialWhoseServiceCostsAtLeastTwiceTheRevenueMovesToAnotherServiceLevel() {
        ClientValue value = policy.assess(settled(LocalDate.of(2015, 6, 1), months(5, 20, 300)));
        assertThat(value.quadrant()).isEqualTo(ValueQuadrant.UNPROFITABLE_LOW_POTENTIAL);
        assertThat(value.strategy()).isEqualTo(ValueStrategy.CHANGE_SERVICE_LEVEL);
    }

    @Test
    void unprofitableClientWithLowPotentialAndModestCostsIsToHaveTheirMotivesFound() {
        ClientValue value = policy.assess(settled(LocalDate.of(2015, 6, 1), months(10, 15, 300)));
        assertThat(value.strategy()).isEqualTo(ValueStrategy.FIND_MOTIVES);
    }

    @Test
    void aClientWithoutFinancialsIsNotYetProfitable() {
        ClientValue value = policy.assess(settled(LocalDate.of(2015, 6, 1), List.of()));
        assertThat(value.profitability()).isEqualByComparingTo("0");
        assertThat(value.quadrant().profitable()).isFalse();
        assertThat(value.strategy()).isEqualTo(ValueStrategy.FIND_MOTIVES);
        assertThat(value.monthsOfFinancials()).isZero();
    }

    @Test
    void profitabilityCountsOnlyTheTrailingTwelveMonths() {
        List<MonthFigures> months = new ArrayList<>(months(50, 20, 3000));
        months.add(new MonthFigures(YearMonth.from(TODAY).minusMonths(12), BigDecimal.valueOf(10_000), BigDecimal.ZERO,
                BigDecimal.valueOf(3000)));
        assertThat(policy.assess(promising(months)).profitability()).isEqualByComparingTo("360.00");
    }

    @Test
    void aGrowingBalanceRaisesThePotentialAndAShrinkingOneLowersIt() {
        List<MonthFigures> growing = new ArrayList<>();
        List<MonthFigures> shrinking = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            YearMonth month = YearMonth.from(TODAY).minusMonths(5 - i);
            growing.add(new MonthFigures(month, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.valueOf(1000 + 200 * i)));
            shrinking.add(new MonthFigures(month, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.valueOf(2000 - 200 * i)));
        }
        double flat = policy.assess(promising(months(10, 1, 1000))).potential();
        assertThat(policy.assess(promising(growing)).potential()).isGreaterThan(flat);
        assertThat(policy.assess(promising(shrinking)).potential()).isLessThan(flat);
    }

    @Test
    void theHigherTheIncomeBracketTheHigherThePotential() {
        double previous = -1;
        for (IncomeBracket bracket : IncomeBracket.values()) {
            var facts = new ValueFacts(ClientType.INDIVIDUAL, 35, bracket, TODAY, List.of(), Set.of(), List.of(), TODAY);
            double potential = policy.assess(facts).potential();
            assertThat(potential).isGreaterThan(previous);
            previous = potential;
        }
    }

    @Test
    void productGapsAreMeasuredAgainstWhatTheClientsSegmentsExpect() {
        var withoutSegment = new ValueFacts(ClientType.INDIVIDUAL, 35, IncomeBracket.MIDDLE, TODAY,
                List.of(ProductType.CURRENT_ACCOUNT), Set.of(), List.of(), TODAY);
        var familySegment = new ValueFacts(ClientType.INDIVIDUAL, 35, IncomeBracket.MIDDLE, TODAY,
                List.of(ProductType.CURRENT_ACCOUNT), Set.of(ProductType.CURRENT_ACCOUNT, ProductType.MORTGAGE), List.of(), TODAY);
        assertThat(policy.assess(withoutSegment).potentialComponents().get("productGap")).isEqualTo(0.75);
        assertThat(policy.assess(familySegment).potentialComponents().get("productGap")).isEqualTo(0.5);
    }

    @Test
    void aChangeOfLessThanACentOrATenthOfAPointIsNoChange() {
        ClientValue value = policy.assess(promising(months(50, 20, 3000)));
        assertThat(value.differsFrom(new BigDecimal("360.00"), 85.0, value.quadrant(), value.strategy())).isFalse();
        assertThat(value.differsFrom(new BigDecimal("360.01"), 85.0, value.quadrant(), value.strategy())).isTrue();
        assertThat(value.differsFrom(new BigDecimal("360.00"), 85.0, value.quadrant(), ValueStrategy.RETAIN)).isTrue();
        assertThat(value.differsFrom(null, null, null, null)).isTrue();
    }
}
