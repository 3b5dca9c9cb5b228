package org.bankcrm.interaction.app;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.CxBreakdown;
import org.bankcrm.interaction.domain.CxCell;
import org.bankcrm.interaction.domain.CxFindingRules;
import org.bankcrm.interaction.domain.CxMonth;
import org.bankcrm.interaction.store.CxCounterStore;
import org.bankcrm.interaction.store.CxCounterStore.CellFilter;
import org.bankcrm.interaction.store.CxCounterStore.MonthCell;
import org.bankcrm.platform.kpi.MonthRange;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * interaction-service's KPIs per calendar month (UTC) as they stand now, read from the daily CX counters (never by
 * scanning touchpoints), with the findings of each month against the month before.
 */
@ApplicationScoped
public class CxKpis {
    private final Pool pool;
    private final CxCounterStore counters;
    private final CxFindingRules rules;
    private final Clock clock = Clock.systemUTC();

    public CxKpis(Pool pool, CxCounterStore counters, InteractionConfig config) {
        this.pool = pool;
        this.counters = counters;
        var f = config.findings();
        this.rules = new CxFindingRules(f.csatDrop(), f.minCsatResponses(), f.repeatContactRate(), f.minTouchpoints());
    }

    /** The months of the range, each with its findings, and the range in all. */
    public record Report(MonthRange range, CellFilter filter, Instant asOf, CxBreakdown total, List<CxMonth> months) {
    }

    public YearMonth currentMonth() {
        return YearMonth.now(clock);
    }

    public Uni<Report> report(MonthRange range, CellFilter filter) {
        Instant asOf = clock.instant();
        // the month before the range too: the first month's findings compare with it
        return pool.withTransaction(sql -> counters.monthly(sql, range.from().minusMonths(1), range.to(), filter)).map(cells -> {
            Map<YearMonth, CxBreakdown> byMonth = breakdowns(cells);
            List<CxCell> inRange = new ArrayList<>();
            cells.stream().filter(c -> !c.month().isBefore(range.from())).forEach(c -> inRange.add(c.cell()));
            return new Report(range, filter, asOf, CxBreakdown.of(inRange),
                    months(range.months(), m -> byMonth.getOrDefault(m, CxBreakdown.NONE)));
        });
    }

    /** Each month's cells summed into its breakdown. */
    static Map<YearMonth, CxBreakdown> breakdowns(List<MonthCell> cells) {
        Map<YearMonth, List<CxCell>> byMonth = new HashMap<>();
        cells.forEach(c -> byMonth.computeIfAbsent(c.month(), m -> new ArrayList<>()).add(c.cell()));
        Map<YearMonth, CxBreakdown> result = new HashMap<>();
        byMonth.forEach((month, list) -> result.put(month, CxBreakdown.of(list)));
        return result;
    }

    List<CxMonth> months(List<YearMonth> months, Function<YearMonth, CxBreakdown> breakdown) {
        return CxMonth.series(months, breakdown, rules);
    }
}
