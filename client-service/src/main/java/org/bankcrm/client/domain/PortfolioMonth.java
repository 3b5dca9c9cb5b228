package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;

/**
 * The portfolio's counts for one month, from which the analytical KPIs follow: products held at the month's end
 * (cross-sell), funds on accounts in the month (the clients' average balances) and the products opened and closed
 * in it. The ratios are defined here once, for the live figures and the monthly snapshots alike.
 *
 * @param clientsHolding       clients holding at least one product at the month's end
 * @param openProducts         products open at the month's end
 * @param secondProductClients clients holding two products or more at the month's end
 * @param fundedClients        clients with figures recorded for the month
 * @param funds                the sum of those clients' average balances for the month
 * @param opened               products opened in the month
 * @param closed               products closed in the month
 */
public record PortfolioMonth(YearMonth month, long clientsHolding, long openProducts, long secondProductClients,
        long fundedClients, BigDecimal funds, long opened, long closed) {

    /** Products held per client holding any: null when nobody holds a product. */
    public BigDecimal crossSellRatio() {
        return ratio(BigDecimal.valueOf(openProducts), clientsHolding, 2);
    }

    /** The share (0-1) of the clients holding a product who hold a second one: null when nobody holds a product. */
    public BigDecimal secondProductShare() {
        return ratio(BigDecimal.valueOf(secondProductClients), clientsHolding, 4);
    }

    /** Funds per client with figures for the month: null when none has any. */
    public BigDecimal averageFunds() {
        return ratio(funds, fundedClients, 2);
    }

    /** The month's change of the funds against the month before, as a share (0.05 = +5 %): null without a base. */
    public BigDecimal fundsGrowth(PortfolioMonth previous) {
        if (previous == null || previous.funds.signum() == 0) {
            return null;
        }
        return funds.subtract(previous.funds).divide(previous.funds, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(BigDecimal numerator, long denominator, int scale) {
        return denominator == 0 ? null : numerator.divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP);
    }
}
