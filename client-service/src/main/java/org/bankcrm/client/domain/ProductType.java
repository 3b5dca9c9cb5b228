package org.bankcrm.client.domain;

/** The bank's product families a client can hold. Which may be held only once is configuration. */
public enum ProductType {
    CURRENT_ACCOUNT, DEBIT_CARD, CREDIT_CARD, SAVINGS_ACCOUNT, TERM_DEPOSIT, MORTGAGE, CONSUMER_LOAN, INSURANCE,
    INVESTMENT_FUND, PREMIUM_PACKAGE
}
