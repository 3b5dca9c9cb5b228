package org.bankcrm.demo;

import java.util.List;

/** The enumerations of the services' contracts (DESIGN.md "Core payloads"), in one place. */
public final class Vocabulary {
    private Vocabulary() {
    }

    public static final List<String> CLIENT_TYPES = List.of("INDIVIDUAL", "BUSINESS");
    public static final List<String> INCOME_BRACKETS = List.of("LOW", "MIDDLE", "UPPER_MIDDLE", "HIGH");
    public static final List<String> PRODUCT_TYPES = List.of("CURRENT_ACCOUNT", "DEBIT_CARD", "CREDIT_CARD",
            "SAVINGS_ACCOUNT", "TERM_DEPOSIT", "MORTGAGE", "CONSUMER_LOAN", "INSURANCE", "INVESTMENT_FUND",
            "PREMIUM_PACKAGE");
    public static final List<String> CHANNELS = List.of("BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK", "ATM",
            "CHAT", "EMAIL");
    public static final List<String> INTERACTION_TYPES = List.of("INQUIRY", "COMPLAINT", "SERVICE_REQUEST",
            "TRANSACTION", "PRODUCT_APPLICATION", "ADVICE", "SURVEY_RESPONSE", "OFFER_PRESENTED", "OFFER_RESPONSE");
    public static final List<String> INITIATORS = List.of("CLIENT", "BANK");
    public static final List<String> NEEDS = List.of("PAYMENTS", "CARDS", "LENDING", "SAVINGS", "INSURANCE",
            "INVESTMENTS", "DIGITAL_ACCESS", "ACCOUNT_SERVICE", "OTHER");
    public static final List<String> OUTCOMES = List.of("RESOLVED", "UNRESOLVED", "ESCALATED", "PENDING");
    public static final List<String> VALENCES = List.of("POSITIVE", "NEUTRAL", "NEGATIVE");
    public static final List<String> CAUSES = List.of("CLIENT", "BANK", "THIRD_PARTY");
    public static final List<String> CAUSE_DETAILS = List.of("WAITING_TIME", "ERROR", "STAFF", "PRODUCT_TERMS",
            "OUTAGE", "FEES", "PROCESS", "COMMUNICATION", "OTHER");
    public static final List<String> RESPONSE_OUTCOMES = List.of("ACCEPTED", "DECLINED", "IGNORED", "INTERESTED");
    public static final List<String> QUADRANTS = List.of("PROFITABLE_HIGH_POTENTIAL", "PROFITABLE_LOW_POTENTIAL",
            "UNPROFITABLE_HIGH_POTENTIAL", "UNPROFITABLE_LOW_POTENTIAL");
    public static final List<String> LOYALTY_TYPES = List.of("TRUE", "LATENT", "SPURIOUS", "NONE");
}
