package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A client's value: profitability over the trailing months, potential (0-100) and its components (each
 * 0-1), the quadrant, the strategy, and the reasons in plain words.
 */
public record ClientValue(BigDecimal profitability, double potential, Map<String, Double> potentialComponents,
        ValueQuadrant quadrant, ValueStrategy strategy, List<String> reasons, int monthsOfFinancials) {

    /** Whether a consumer would see a difference: the numbers (to the cent and tenth), quadrant or strategy. */
    public boolean differsFrom(BigDecimal previousProfitability, Double previousPotential, ValueQuadrant previousQuadrant,
            ValueStrategy previousStrategy) {
        return previousProfitability == null || previousProfitability.compareTo(profitability) != 0
                || previousPotential == null || Math.abs(previousPotential - potential) >= 0.05
                || previousQuadrant != quadrant || previousStrategy != strategy;
    }
}
