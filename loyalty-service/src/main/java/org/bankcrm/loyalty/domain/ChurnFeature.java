package org.bankcrm.loyalty.domain;

import java.util.function.DoubleUnaryOperator;

/**
 * One input of the churn model: its configuration key, how its raw value is transformed before the
 * coefficient applies (logarithms for counts and amounts, whose effect fades as they grow), and the words
 * of the factor it becomes.
 */
public enum ChurnFeature {
    ACTIVITY("activity", Math::log1p, "transactions per month over the last 12 months"),
    SPENDING("spending", Math::log1p, "amount moved per month over the last 12 months"),
    ACTIVITY_TREND_QUARTER("activity-trend-quarter", x -> x, "transactions of the last quarter against the first of the 12 months"),
    ACTIVITY_TREND_RECENT("activity-trend-recent", x -> x, "transactions of the last 3 months against the 12"),
    INACTIVE_MONTHS("inactive-months", x -> x, "recent months in a row without transactions"),
    PRODUCTS("products", x -> x, "products held"),
    RECENT_CLOSURES("recent-closures", x -> x, "recent product closures"),
    BALANCE_TREND("balance-trend", x -> Math.max(-1, Math.min(1, x)), "balance of the last 3 months against the 12 before"),
    CONTACTS("contacts", x -> x, "contacts with the bank in the last 12 months"),
    COMPLAINTS("complaints", x -> x, "complaints in the last 12 months"),
    OPEN_COMPLAINTS("open-complaints", x -> x, "complaints not resolved yet"),
    BANK_CAUSED_NEGATIVES("bank-caused-negatives", x -> x, "recent negative experiences the bank caused"),
    TENURE("tenure", Math::log1p, "years as a client"),
    AGE("age", x -> x, "age (from the year of birth; without it, the middle of the age band)"),
    // appended (issue 18): bands and indicators, 1 when the client is in the band, 0 when not; a stored model maps
    // its coefficients by key, so new features are only ever appended
    AGE_UNDER_35("age-under-35", x -> x, "aged under 35"),
    AGE_45_54("age-45-54", x -> x, "aged 45 to 54"),
    AGE_55_64("age-55-64", x -> x, "aged 55 to 64"),
    AGE_65_PLUS("age-65-plus", x -> x, "aged 65 or more"),
    SINGLE_PRODUCT("single-product", x -> x, "holds a single product"),
    THREE_PLUS_PRODUCTS("three-plus-products", x -> x, "holds three products or more"),
    ZERO_BALANCE("zero-balance", x -> x, "no money held (average balance of the newest month 0)"),
    BALANCE("balance", Math::log1p, "average balance of the newest 3 months"),
    DORMANT("dormant", x -> x, "no transaction in the newest 3 months recorded"),
    // appended (issue 18, part 2): an inactive client's age band, and the only product an empty account
    DORMANT_45_54("dormant-45-54", x -> x, "dormant and aged 45 to 54"),
    DORMANT_55_64("dormant-55-64", x -> x, "dormant and aged 55 to 64"),
    DORMANT_65_PLUS("dormant-65-plus", x -> x, "dormant and aged 65 or more"),
    SINGLE_PRODUCT_EMPTY("single-product-empty", x -> x, "the only product held is empty (balance 0)"),
    // appended (issue 18, part 3): the upper half of each decade, from the year of birth only (the band cannot say)
    AGE_30_34("age-30-34", x -> x, "aged 30 to 34"),
    AGE_40_44("age-40-44", x -> x, "aged 40 to 44"),
    AGE_50_54("age-50-54", x -> x, "aged 50 to 54"),
    AGE_60_64("age-60-64", x -> x, "aged 60 to 64"),
    AGE_70_PLUS("age-70-plus", x -> x, "aged 70 or more");

    private final String key;
    private final DoubleUnaryOperator transform;
    private final String description;

    ChurnFeature(String key, DoubleUnaryOperator transform, String description) {
        this.key = key;
        this.transform = transform;
        this.description = description;
    }

    /** The name in configuration ({@code crm.loyalty.churn.coefficient.<key>}) and in the factors. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public double transform(double raw) {
        return transform.applyAsDouble(raw);
    }
}
