package org.bankcrm.client.domain;

/**
 * What the bank does with a client given their value: profitable clients are retained, delighted or
 * developed; unprofitable ones are moved to another service level, repriced, or their motives are sought.
 */
public enum ValueStrategy {
    RETAIN, DELIGHT, DEVELOP, CHANGE_SERVICE_LEVEL, REPRICE, FIND_MOTIVES
}
