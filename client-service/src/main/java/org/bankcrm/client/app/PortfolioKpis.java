package org.bankcrm.client.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.PortfolioMonth;
import org.bankcrm.client.store.PortfolioKpiQueries;
import org.bankcrm.client.store.PortfolioKpiQueries.Filter;
import org.bankcrm.client.store.PortfolioKpiQueries.SegmentHolding;
import org.bankcrm.client.store.PortfolioKpiQueries.ValueCell;
import org.bankcrm.platform.kpi.MonthRange;
import org.bankcrm.platform.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** The analytical KPIs as they stand now, computed from the history kept in client-service's tables. */
@ApplicationScoped
public class PortfolioKpis {
    private final Pool pool;
    private final PortfolioKpiQueries queries;
    private final Clock clock = Clock.systemUTC();

    public PortfolioKpis(Pool pool, PortfolioKpiQueries queries) {
        this.pool = pool;
        this.queries = queries;
    }

    /** A month's figures and the growth of its funds against the month before. */
    public record MonthKpis(PortfolioMonth figures, BigDecimal fundsGrowth) {
    }

    /** The clients by value now, the series over the range, and the segments' holdings at the range's end. */
    public record Report(MonthRange range, Filter filter, Instant asOf, List<ValueCell> valueMix, List<MonthKpis> months,
            List<SegmentHolding> bySegment) {
    }

    public YearMonth currentMonth() {
        return YearMonth.now(clock);
    }

    public Uni<Report> report(MonthRange range, Filter filter) {
        Instant asOf = clock.instant();
        return pool.withTransaction(sql -> checked(sql, filter)
                .chain(() -> months(sql, range.from(), range.to(), filter))
                .chain(months -> queries.valueMix(sql, filter)
                        .chain(mix -> queries.bySegment(sql, range.to(), filter)
                                .map(bySegment -> new Report(range, filter, asOf, mix, months, bySegment)))));
    }

    /** The months from {@code from} to {@code to}, each with its growth (the month before {@code from} read for the first). */
    Uni<List<MonthKpis>> months(SqlClient sql, YearMonth from, YearMonth to, Filter filter) {
        return queries.months(sql, from.minusMonths(1), to, filter).map(PortfolioKpis::withGrowth);
    }

    static List<MonthKpis> withGrowth(List<PortfolioMonth> withMonthBefore) {
        List<MonthKpis> months = new ArrayList<>();
        for (int i = 1; i < withMonthBefore.size(); i++) {
            PortfolioMonth month = withMonthBefore.get(i);
            months.add(new MonthKpis(month, month.fundsGrowth(withMonthBefore.get(i - 1))));
        }
        return months;
    }

    /** An unknown segment code is a 400 naming the parameter, not an empty answer that looks like a finding. */
    Uni<Void> checked(SqlClient sql, Filter filter) {
        if (filter.segment() == null) {
            return Uni.createFrom().voidItem();
        }
        return queries.segmentExists(sql, filter.segment()).invoke(exists -> {
            if (!exists) {
                throw ProblemException.invalidField("segment", "no segment has this code");
            }
        }).replaceWithVoid();
    }
}
