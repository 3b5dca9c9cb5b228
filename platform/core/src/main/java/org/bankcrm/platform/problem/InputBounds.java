package org.bankcrm.platform.problem;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The platform's bounds on every value a request carries, so that nothing reaches PostgreSQL that it
 * cannot store (NUL in text, a year outside its range, a number wider than its columns) and nothing absurd
 * is accepted. Each check returns the reason a value is refused, or null when it is acceptable.
 */
public final class InputBounds {
    /** No date or instant before this day is accepted anywhere (services narrow it, e.g. birth dates, months). */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /** No date or instant after this day is accepted anywhere. */
    public static final LocalDate LATEST_DATE = LocalDate.of(2999, 12, 31);
    /** The widest number accepted: money columns are numeric(16,2), so a rounded 10^14 would not fit. */
    public static final BigDecimal LARGEST_NUMBER = new BigDecimal("1e13");
    /** Digits after the decimal point a number may have before it is surely not a bank figure. */
    public static final int MAX_SCALE = 12;

    private InputBounds() {
    }

    /**
     * Free text (a JSON string): no C0 control character but tab, line feed and carriage return (which notes
     * and addresses legitimately hold), no DEL, no unpaired UTF-16 surrogate (not text, and not storable).
     */
    public static String textProblem(String value) {
        return characterProblem(value, true);
    }

    /** A query or path parameter or a header: no control character at all, and no unpaired surrogate. */
    public static String parameterProblem(String value) {
        return characterProblem(value, false);
    }

    private static String characterProblem(String value, boolean freeText) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (freeText && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return String.format("must not contain the control character U+%04X (at position %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired UTF-16 surrogate (at position " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate (at position " + i + ")";
            }
        }
        return null;
    }

    /** A date, month or instant of any java.time type the API reads; null for any other value. */
    public static String temporalProblem(Object value) {
        LocalDate day;
        if (value instanceof LocalDate d) {
            day = d;
        } else if (value instanceof YearMonth m) {
            day = m.atDay(1);
        } else if (value instanceof Instant i) {
            day = i.isBefore(EARLIEST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant()) ? LocalDate.MIN
                    : i.isAfter(LATEST_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()) ? LocalDate.MAX
                    : LocalDate.ofInstant(i, ZoneOffset.UTC);
        } else if (value instanceof OffsetDateTime o) {
            day = o.toLocalDate();
        } else if (value instanceof ZonedDateTime z) {
            day = z.toLocalDate();
        } else if (value instanceof LocalDateTime l) {
            day = l.toLocalDate();
        } else {
            day = null;
        }
        if (day == null) {
            return null;
        }
        if (day.isBefore(EARLIEST_DATE) || day.isAfter(LATEST_DATE)) {
            return "must be between " + EARLIEST_DATE + " and " + LATEST_DATE;
        }
        return null;
    }

    /** A decimal number: at most {@link #LARGEST_NUMBER} in magnitude and {@link #MAX_SCALE} decimals. */
    public static String numberProblem(BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.abs().compareTo(LARGEST_NUMBER) >= 0) {
            return "must be less than " + LARGEST_NUMBER.toPlainString() + " in magnitude";
        }
        if (value.scale() > MAX_SCALE) {
            return "must have at most " + MAX_SCALE + " decimals";
        }
        return null;
    }

    /** A double: finite and at most {@link #LARGEST_NUMBER} in magnitude. */
    public static String numberProblem(Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value.isInfinite() || Math.abs(value) >= LARGEST_NUMBER.doubleValue()) {
            return "must be a finite number less than " + LARGEST_NUMBER.toPlainString() + " in magnitude";
        }
        return null;
    }
}
