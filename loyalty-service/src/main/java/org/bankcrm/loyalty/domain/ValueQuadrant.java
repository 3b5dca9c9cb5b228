package org.bankcrm.loyalty.domain;

/** client-service's value quadrants, as its {@code value-changed} events name them (the KPIs' quadrant filter). */
public enum ValueQuadrant {
    PROFITABLE_HIGH_POTENTIAL,
    PROFITABLE_LOW_POTENTIAL,
    UNPROFITABLE_HIGH_POTENTIAL,
    UNPROFITABLE_LOW_POTENTIAL
}
