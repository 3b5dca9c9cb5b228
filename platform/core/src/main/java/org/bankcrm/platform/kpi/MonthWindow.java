package org.bankcrm.platform.kpi;

import java.time.YearMonth;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code from} and {@code to} query parameters of a KPI endpoint, as a {@code @BeanParam}; a service's own filters
 * extend it. Each bad one is a 400 problem naming it ({@link MonthRange#ofQuery}).
 */
public class MonthWindow {
    static final String MONTH = "A month, e.g. 2026-10";

    @Parameter(description = MONTH + "; default 11 months before to")
    @QueryParam("from")
    public String from;

    @Parameter(description = MONTH + "; default the current month (for the snapshots the last closed one)")
    @QueryParam("to")
    public String to;

    /** The months of the live KPIs: {@code to} defaults to the current month. */
    public MonthRange live(YearMonth current) {
        return MonthRange.ofQuery(from, to, current, current);
    }

    /** The months of the monthly snapshots: {@code to} defaults to the last closed month. */
    public MonthRange closed(YearMonth current) {
        return MonthRange.ofQuery(from, to, current.minusMonths(1), current);
    }
}
