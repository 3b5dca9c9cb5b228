package org.bankcrm.client.domain;

/** Whose KPIs a monthly snapshot keeps: the whole bank, a segment's members or a value quadrant's clients. */
public enum KpiScope {
    BANK, SEGMENT, QUADRANT
}
