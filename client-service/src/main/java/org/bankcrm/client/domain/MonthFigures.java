package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.time.YearMonth;

/** The figures of one month that value rests on. */
public record MonthFigures(YearMonth month, BigDecimal revenue, BigDecimal costToServe, BigDecimal averageBalance) {

    public static MonthFigures of(MonthlyFinancials f) {
        return new MonthFigures(f.yearMonth(), f.revenue, f.costToServe, f.averageBalance);
    }

    public BigDecimal margin() {
        return revenue.subtract(costToServe);
    }
}
