package org.bankcrm.interaction.domain;

/**
 * The needs and motives a client states in a conversation ("find motives"): a closed list of the life goals a retail
 * bank plans products around, so that segments and offers can rely on them. Codes are stable; meanings in the README.
 */
public enum StatedNeedCode {
    /** saving for a home of one's own or the deposit on it */
    SAVING_FOR_HOUSING,
    /** renovating, furnishing or extending the home */
    HOME_IMPROVEMENT,
    /** buying or replacing a car */
    CAR,
    /** putting money aside for the children's schooling and studies */
    CHILDREN_EDUCATION,
    /** providing for retirement */
    RETIREMENT,
    /** travel and holidays */
    TRAVEL,
    /** a cushion for unexpected expenses */
    EMERGENCY_FUND,
    /** making savings grow (investing) */
    WEALTH_GROWTH,
    /** protecting the family against illness, death, loss of income */
    FAMILY_PROTECTION,
    /** fewer, cheaper debts: consolidating or refinancing */
    DEBT_CONSOLIDATION,
    /** starting or growing a business of one's own */
    BUSINESS_START,
    /** paying less for day-to-day banking */
    LOWER_FEES,
    /** something else (the note says what) */
    OTHER
}
