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
    AGE("age", x -> x, "age (middle of the age band)");

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
