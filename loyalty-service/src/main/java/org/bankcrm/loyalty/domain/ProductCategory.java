package org.bankcrm.loyalty.domain;

/** The needs a product serves: depth of the relationship counts categories as well as product types. */
public enum ProductCategory {
    DAILY_BANKING, SAVINGS_AND_INVESTMENT, LENDING, PROTECTION;

    public static ProductCategory of(String productType) {
        return switch (productType) {
            case "SAVINGS_ACCOUNT", "TERM_DEPOSIT", "INVESTMENT_FUND" -> SAVINGS_AND_INVESTMENT;
            case "MORTGAGE", "CONSUMER_LOAN", "CREDIT_CARD" -> LENDING;
            case "INSURANCE" -> PROTECTION;
            default -> DAILY_BANKING; // CURRENT_ACCOUNT, DEBIT_CARD, PREMIUM_PACKAGE and any new type
        };
    }
}
