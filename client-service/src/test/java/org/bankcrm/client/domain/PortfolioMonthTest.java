package org.bankcrm.client.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;

import org.bankcrm.platform.kpi.MonthRange;
import org.junit.jupiter.api.Test;

class PortfolioMonthTest {
    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    static PortfolioMonth month(long holding, long products, long second, long funded, String funds) {
        return new PortfolioMonth(OCTOBER, holding, products, second, funded, new BigDecimal(funds), 0, 0);
    }

    @Test
    void crossSellIsProductsPerClientHoldingAnyAndTheSecondProductShareIsOfThoseClients() {
        var m = month(3, 4, 1, 0, "0");
        assertThat(m.crossSellRatio()).isEqualByComparingTo("1.33");
        assertThat(m.secondProductShare()).isEqualByComparingTo("0.3333");
    }

    @Test
    void withoutClientsHoldingAProductThereIsNoRatioRatherThanZero() {
        var m = month(0, 0, 0, 0, "0");
        assertThat(m.crossSellRatio()).isNull();
        assertThat(m.secondProductShare()).isNull();
        assertThat(m.averageFunds()).isNull();
    }

    @Test
    void averageFundsArePerClientWithFiguresForTheMonth() {
        assertThat(month(0, 0, 0, 3, "3500.00").averageFunds()).isEqualByComparingTo("1166.67");
    }

    @Test
    void fundsGrowthIsTheChangeAgainstTheMonthBeforeAndNeedsABase() {
        var september = month(0, 0, 0, 3, "3500.00");
        var october = month(0, 0, 0, 2, "4000.00");
        assertThat(october.fundsGrowth(september)).isEqualByComparingTo("0.1429");
        assertThat(september.fundsGrowth(october)).isEqualByComparingTo("-0.1250");
        assertThat(october.fundsGrowth(null)).isNull();
        assertThat(october.fundsGrowth(month(0, 0, 0, 0, "0"))).isNull();
    }

    @Test
    void aRangeDefaultsToTheYearUpToItsEndAndIsNeitherReversedNorLongerThanTenYears() {
        var range = MonthRange.of(null, null, OCTOBER);
        assertThat(range.from()).isEqualTo(YearMonth.of(2025, 11));
        assertThat(range.months()).hasSize(12).endsWith(OCTOBER);
        assertThat(MonthRange.of(YearMonth.of(2026, 1), null, OCTOBER).months()).hasSize(10);
        assertThat(MonthRange.of(OCTOBER.minusMonths(119), OCTOBER, OCTOBER).months()).hasSize(120);
        assertThatThrownBy(() -> MonthRange.of(OCTOBER.minusMonths(120), OCTOBER, OCTOBER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonthRange.of(OCTOBER.plusMonths(1), OCTOBER, OCTOBER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
