package org.bankcrm.loyalty.domain;

/** What a score rests on: how many interactions, products held and months of financials were counted. */
public record ScoreBasis(int interactions, int products, int monthsOfFinancials) {
}
