package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * The tunable numbers of the value model (all from configuration, {@code crm.client.value.*}).
 *
 * @param trailingMonths       months of financials profitability sums (12)
 * @param profitableAbove      profitability above this is profitable (0)
 * @param highPotentialFrom    potential (0-100) from which it is high (50)
 * @param incomeWeight         weight of the income bracket in the potential
 * @param lifeStageWeight      weight of the life stage
 * @param productGapWeight     weight of the share of expected products the client lacks
 * @param balanceTrendWeight   weight of the trend of the average balance
 * @param incomeScores         0-1 per income bracket
 * @param unknownIncomeScore   0-1 when the bracket is unknown
 * @param lifeStageScores      0-1 per life stage
 * @param balanceTrendMonths   months compared with the as many months before them (3)
 * @param baselineProducts     what a client is expected to hold when no segment says otherwise
 * @param delightMinTenureYears profitable, low-potential clients this long with the bank ...
 * @param delightMinProducts   ... and holding at least this many products are delighted, others retained
 * @param serviceLevelCostRatio unprofitable, low-potential clients whose cost to serve is at least this
 *                             multiple of their revenue move to another service level; others: find motives
 */
public record ValueRules(int trailingMonths, BigDecimal profitableAbove, double highPotentialFrom, double incomeWeight,
        double lifeStageWeight, double productGapWeight, double balanceTrendWeight, Map<IncomeBracket, Double> incomeScores,
        double unknownIncomeScore, Map<LifeStage, Double> lifeStageScores, int balanceTrendMonths,
        Set<ProductType> baselineProducts, int delightMinTenureYears, int delightMinProducts, double serviceLevelCostRatio) {

    /** The defaults this service ships with (the same as application.properties), for tests and documentation. */
    public static ValueRules defaults() {
        return new ValueRules(12, BigDecimal.ZERO, 50, 0.35, 0.25, 0.20, 0.20,
                Map.of(IncomeBracket.LOW, 0.2, IncomeBracket.MIDDLE, 0.5, IncomeBracket.UPPER_MIDDLE, 0.8, IncomeBracket.HIGH, 1.0),
                0.4,
                Map.of(LifeStage.STARTING, 0.8, LifeStage.BUILDING, 1.0, LifeStage.PEAK, 0.7, LifeStage.PRE_RETIREMENT, 0.4,
                        LifeStage.RETIRED, 0.2, LifeStage.BUSINESS, 0.6, LifeStage.UNKNOWN, 0.4),
                3, Set.of(ProductType.CURRENT_ACCOUNT, ProductType.DEBIT_CARD, ProductType.SAVINGS_ACCOUNT, ProductType.INSURANCE),
                5, 3, 2.0);
    }
}
