package org.bankcrm.client.domain;

/** Where a client stands on current profitability and potential. */
public enum ValueQuadrant {
    PROFITABLE_HIGH_POTENTIAL(true, true),
    PROFITABLE_LOW_POTENTIAL(true, false),
    UNPROFITABLE_HIGH_POTENTIAL(false, true),
    UNPROFITABLE_LOW_POTENTIAL(false, false);

    private final boolean profitable;
    private final boolean highPotential;

    ValueQuadrant(boolean profitable, boolean highPotential) {
        this.profitable = profitable;
        this.highPotential = highPotential;
    }

    public static ValueQuadrant of(boolean profitable, boolean highPotential) {
        for (ValueQuadrant q : values()) {
            if (q.profitable == profitable && q.highPotential == highPotential) {
                return q;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    public boolean profitable() {
        return profitable;
    }

    public boolean highPotential() {
        return highPotential;
    }
}
