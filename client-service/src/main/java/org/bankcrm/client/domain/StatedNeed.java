package org.bankcrm.client.domain;

/**
 * The needs and motives a client stated at a touchpoint ("find motives"), as interaction-service records them
 * ({@code statedNeeds} of {@code crm.interaction.recorded}): a closed list of life goals a retail bank plans products
 * around. The codes are interaction-service's; meanings in its docs/touchpoints.md.
 */
public enum StatedNeed {
    SAVING_FOR_HOUSING, HOME_IMPROVEMENT, CAR, CHILDREN_EDUCATION, RETIREMENT, TRAVEL, EMERGENCY_FUND, WEALTH_GROWTH,
    FAMILY_PROTECTION, DEBT_CONSOLIDATION, BUSINESS_START, LOWER_FEES, OTHER
}
