package org.bankcrm.platform.kpi;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.bankcrm.platform.problem.ProblemException;

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

    /**
     * The range a KPI endpoint's {@code from} and {@code to} query parameters ask for: {@code to} defaults to
     * {@code latest} and may not be after {@code current}, {@code from} to the year up to {@code to}; each bad one is a
     * 400 problem naming it (a reversed or too long range names {@code from}).
     */
    public static MonthRange ofQuery(String from, String to, YearMonth latest, YearMonth current) {
        YearMonth end = month("to", to);
        if (end != null && end.isAfter(current)) {
            throw ProblemException.invalidField("to", "must not be after the current month " + current);
        }
        try {
            return of(month("from", from), end, latest);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("from", e.getMessage());
        }
    }

    /** A month in a query parameter ({@code 2026-10}); null when blank; anything else a 400 naming the parameter. */
    public static YearMonth month(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            YearMonth month = YearMonth.parse(value.trim());
            if (month.getYear() < 2000) {
                throw ProblemException.invalidField(parameter, "must not be before 2000-01");
            }
            return month;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(parameter, "must be a month such as 2026-10");
        }
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
