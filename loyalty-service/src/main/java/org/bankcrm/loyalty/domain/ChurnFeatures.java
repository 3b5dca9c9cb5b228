package org.bankcrm.loyalty.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the churn model reads of a client at one moment, in raw units (null = not known, so it neither raises
 * nor lowers the risk), and the client's country of residence (null when not known), which the configured
 * {@link ChurnMarkets} turn into indicators. Each feature is a small computation of its own, tested alone.
 */
public record ChurnFeatures(Map<ChurnFeature, Double> values, String countryOfResidence) {
    /** Months of financials the activity features look at. */
    public static final int ACTIVITY_MONTHS = 12;
    /** A quarter, and the "recent" months of the trends. */
    public static final int QUARTER = 3;

    public ChurnFeatures {
        values = Map.copyOf(values);
    }

    /** Features of a client whose country of residence is not known. */
    public ChurnFeatures(Map<ChurnFeature, Double> values) {
        this(values, null);
    }

    public Double value(ChurnFeature feature) {
        return values.get(feature);
    }

    /** The features of a client at the month of scoring, from its read model and its loyalty features. */
    public static ChurnFeatures of(ClientProfile profile, LoyaltyFeatures f, YearMonth now) {
        List<double[]> months = lastMonths(profile.financialMonths(), ACTIVITY_MONTHS);
        Map<ChurnFeature, Double> v = new EnumMap<>(ChurnFeature.class);
        v.put(ChurnFeature.ACTIVITY, monthlyTransactions(months));
        v.put(ChurnFeature.SPENDING, monthlyAmount(months));
        v.put(ChurnFeature.ACTIVITY_TREND_QUARTER, quarterTrend(months));
        v.put(ChurnFeature.ACTIVITY_TREND_RECENT, recentTrend(months));
        v.put(ChurnFeature.INACTIVE_MONTHS, months.isEmpty() ? null : (double) inactiveMonths(months));
        v.put(ChurnFeature.PRODUCTS, (double) f.productsHeld());
        v.put(ChurnFeature.RECENT_CLOSURES, f.recentClosures());
        v.put(ChurnFeature.BALANCE_TREND, f.balanceTrend());
        TreeMap<YearMonth, int[]> contactMonths = profile.contactMonths();
        v.put(ChurnFeature.CONTACTS, (double) inLast12Months(contactMonths, now, 0));
        v.put(ChurnFeature.COMPLAINTS, (double) inLast12Months(contactMonths, now, 1));
        v.put(ChurnFeature.OPEN_COMPLAINTS, (double) f.openComplaints());
        v.put(ChurnFeature.BANK_CAUSED_NEGATIVES, f.recentBankCausedNegatives());
        v.put(ChurnFeature.TENURE, profile.customerSince == null ? null : f.tenureYears());
        Double exactAge = ageAt(profile.birthYear, now);
        Double age = exactAge != null ? exactAge : ageInYears(profile.ageBand);
        v.put(ChurnFeature.AGE, age);
        v.put(ChurnFeature.AGE_UNDER_35, band(age, 0, 35));
        v.put(ChurnFeature.AGE_45_54, band(age, 45, 55));
        v.put(ChurnFeature.AGE_55_64, band(age, 55, 65));
        v.put(ChurnFeature.AGE_65_PLUS, band(age, 65, Double.MAX_VALUE));
        v.put(ChurnFeature.SINGLE_PRODUCT, f.productsHeld() == 1 ? 1.0 : 0.0);
        v.put(ChurnFeature.THREE_PLUS_PRODUCTS, f.productsHeld() >= 3 ? 1.0 : 0.0);
        v.put(ChurnFeature.ZERO_BALANCE, zeroBalance(months));
        v.put(ChurnFeature.BALANCE, recentBalance(months));
        Double dormant = dormant(months);
        v.put(ChurnFeature.DORMANT, dormant);
        v.put(ChurnFeature.DORMANT_45_54, both(dormant, band(age, 45, 55)));
        v.put(ChurnFeature.DORMANT_55_64, both(dormant, band(age, 55, 65)));
        v.put(ChurnFeature.DORMANT_65_PLUS, both(dormant, band(age, 65, Double.MAX_VALUE)));
        v.put(ChurnFeature.SINGLE_PRODUCT_EMPTY, singleProductEmpty(f.productsHeld(), zeroBalance(months)));
        v.put(ChurnFeature.AGE_30_34, band(exactAge, 30, 35));
        v.put(ChurnFeature.AGE_40_44, band(exactAge, 40, 45));
        v.put(ChurnFeature.AGE_50_54, band(exactAge, 50, 55));
        v.put(ChurnFeature.AGE_60_64, band(exactAge, 60, 65));
        v.put(ChurnFeature.AGE_70_PLUS, band(exactAge, 70, Double.MAX_VALUE));
        return new ChurnFeatures(withoutNulls(v), profile.countryOfResidence);
    }

    private static Map<ChurnFeature, Double> withoutNulls(Map<ChurnFeature, Double> v) {
        Map<ChurnFeature, Double> known = new EnumMap<>(ChurnFeature.class);
        v.forEach((feature, value) -> {
            if (value != null && !value.isNaN()) {
                known.put(feature, value);
            }
        });
        return known;
    }

    /** The newest {@code count} months recorded, oldest first: {average balance, transactions, amount}. */
    static List<double[]> lastMonths(TreeMap<YearMonth, double[]> financials, int count) {
        List<double[]> all = new ArrayList<>(financials.values());
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    /** Average transactions per month; null without any month. */
    static Double monthlyTransactions(List<double[]> months) {
        return months.isEmpty() ? null : months.stream().mapToDouble(m -> m[1]).average().orElseThrow();
    }

    /** Average amount moved per month over the months whose amount is known; null without any. */
    static Double monthlyAmount(List<double[]> months) {
        var known = months.stream().filter(m -> m.length > 2 && !Double.isNaN(m[2])).mapToDouble(m -> m[2]).toArray();
        return known.length == 0 ? null : java.util.Arrays.stream(known).average().orElseThrow();
    }

    /** ln((1 + last quarter's monthly transactions) / (1 + the first quarter's)); null under two quarters. */
    static Double quarterTrend(List<double[]> months) {
        if (months.size() < 2 * QUARTER) {
            return null;
        }
        return Math.log((1 + transactions(months.subList(months.size() - QUARTER, months.size())))
                / (1 + transactions(months.subList(0, QUARTER))));
    }

    /** ln((1 + the last 3 months' monthly transactions) / (1 + the whole window's)); null under 4 months. */
    static Double recentTrend(List<double[]> months) {
        if (months.size() <= QUARTER) {
            return null;
        }
        return Math.log((1 + transactions(months.subList(months.size() - QUARTER, months.size())))
                / (1 + transactions(months)));
    }

    /** Newest months in a row without a transaction. */
    static int inactiveMonths(List<double[]> months) {
        int inactive = 0;
        for (int i = months.size() - 1; i >= 0 && months.get(i)[1] <= 0; i--) {
            inactive++;
        }
        return inactive;
    }

    /** Sum of one counter of the months within the 12 months ending with {@code now}. */
    static int inLast12Months(TreeMap<YearMonth, int[]> months, YearMonth now, int counter) {
        return months.subMap(now.minusMonths(ACTIVITY_MONTHS - 1L), true, now, true).values().stream()
                .mapToInt(c -> c[counter]).sum();
    }

    /**
     * The age in years at the middle of the scoring month, from the year of birth alone (the birthday taken at the
     * middle of the year, so within half a year of the true age); null when the year is not known.
     */
    static Double ageAt(Integer birthYear, YearMonth now) {
        return birthYear == null ? null : now.getYear() - birthYear + (now.getMonthValue() - 6.5) / 12;
    }

    /** The middle of the age band in years; null when unknown. */
    static Double ageInYears(String ageBand) {
        if (ageBand == null) {
            return null;
        }
        return switch (ageBand) {
            case "AGE_14_17" -> 16.0;
            case "AGE_18_24" -> 21.0;
            case "AGE_25_34" -> 30.0;
            case "AGE_35_44" -> 40.0;
            case "AGE_45_54" -> 50.0;
            case "AGE_55_64" -> 60.0;
            case "AGE_65_PLUS" -> 72.0;
            default -> null;
        };
    }

    /** 1 when the age lies in [from, to), 0 when not; null when the age is not known. */
    static Double band(Double age, double from, double to) {
        return age == null ? null : age >= from && age < to ? 1.0 : 0.0;
    }

    /** 1 when the newest month recorded held no money (average balance ≤ 0), 0 when it did; null without months. */
    static Double zeroBalance(List<double[]> months) {
        return months.isEmpty() ? null : months.get(months.size() - 1)[0] <= 0 ? 1.0 : 0.0;
    }

    /** Average balance of the newest 3 months recorded (a negative one counts as 0); null without months. */
    static Double recentBalance(List<double[]> months) {
        return months.isEmpty() ? null
                : months.subList(Math.max(0, months.size() - QUARTER), months.size()).stream()
                        .mapToDouble(m -> Math.max(0, m[0])).average().orElseThrow();
    }

    /** 1 when none of the newest 3 months recorded had a transaction, 0 otherwise; null under 3 months. */
    static Double dormant(List<double[]> months) {
        return months.size() < QUARTER ? null : inactiveMonths(months) >= QUARTER ? 1.0 : 0.0;
    }

    /** 1 when both indicators are 1, 0 when either is 0; null when either is not known and the other not 0. */
    static Double both(Double a, Double b) {
        if (a != null && a == 0 || b != null && b == 0) {
            return 0.0;
        }
        return a == null || b == null ? null : 1.0;
    }

    /** 1 when the client holds exactly one product and it is empty; 0 with other product counts; null if not known. */
    static Double singleProductEmpty(int productsHeld, Double zeroBalance) {
        return productsHeld != 1 ? Double.valueOf(0) : zeroBalance;
    }

    private static double transactions(List<double[]> months) {
        return months.stream().mapToDouble(m -> m[1]).average().orElse(0);
    }
}
