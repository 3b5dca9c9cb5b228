package org.bankcrm.offer.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The months a KPI series covers, both ends included: never reversed, never longer than {@link #MAX_MONTHS}. */
public record MonthRange(YearMonth from, YearMonth to) {
    /** Ten years of months: a series a chart can show and the database answers quickly. */
    public static final int MAX_MONTHS = 120;

    public MonthRange {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
        if (months(from, to) > MAX_MONTHS) {
            throw new IllegalArgumentException("at most " + MAX_MONTHS + " months");
        }
    }

    /** The given ends, a missing {@code to} being {@code latest} and a missing {@code from} the year up to {@code to}. */
    public static MonthRange of(YearMonth from, YearMonth to, YearMonth latest) {
        YearMonth end = to == null ? latest : to;
        return new MonthRange(from == null ? end.minusMonths(11) : from, end);
    }

    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static long months(YearMonth from, YearMonth to) {
        return (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue() + 1;
    }
}
