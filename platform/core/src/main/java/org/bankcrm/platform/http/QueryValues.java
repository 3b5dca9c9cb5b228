package org.bankcrm.platform.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;

import org.bankcrm.platform.problem.InputBounds;
import org.bankcrm.platform.problem.ProblemException;

/**
 * Reads query parameters that resources take as strings, so that a malformed or out-of-range value is a
 * 400 naming the parameter (never a 404, nor a date PostgreSQL cannot store). Blank reads as absent (null).
 */
public final class QueryValues {
    private QueryValues() {
    }

    public static LocalDate date(String parameter, String value) {
        return parsed(parameter, value, LocalDate::parse, "an ISO-8601 date, e.g. 2026-11-27");
    }

    public static YearMonth month(String parameter, String value) {
        return parsed(parameter, value, YearMonth::parse, "an ISO-8601 month, e.g. 2026-11");
    }

    public static Instant instant(String parameter, String value) {
        return parsed(parameter, value, Instant::parse, "an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
    }

    /** A code (a segment's, say), stripped; more than {@code maxLength} characters is a 400 naming the parameter. */
    public static String code(String parameter, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip();
        if (code.length() > maxLength) {
            throw ProblemException.invalidField(parameter, "at most " + maxLength + " characters");
        }
        return code;
    }

    public static <E extends Enum<E>> E enumeration(Class<E> type, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(parameter, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static <T> T parsed(String parameter, String value, Function<String, T> parser, String expected) {
        if (value == null || value.isBlank()) {
            return null;
        }
        T parsed;
        try {
            parsed = parser.apply(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(parameter, "must be " + expected);
        }
        String problem = InputBounds.temporalProblem(parsed);
        if (problem != null) {
            throw ProblemException.invalidField(parameter, problem);
        }
        return parsed;
    }
}
