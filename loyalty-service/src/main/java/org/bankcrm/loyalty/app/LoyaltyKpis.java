package org.bankcrm.loyalty.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.LoyaltyMonth;
import org.bankcrm.loyalty.store.LoyaltyKpiQueries;
import org.bankcrm.platform.kpi.MonthRange;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** The loyalty KPIs as they stand now, computed from the score history and departures kept in loyalty-service's tables. */
@ApplicationScoped
public class LoyaltyKpis {
    private final Pool pool;
    private final LoyaltyKpiQueries queries;
    private final Duration horizon;
    private final Clock clock = Clock.systemUTC();

    public LoyaltyKpis(Pool pool, LoyaltyKpiQueries queries, LoyaltyConfig config) {
        this.pool = pool;
        this.queries = queries;
        this.horizon = config.churn().horizon();
    }

    /** The series over the range, for the clients of a quadrant and a segment (null: all). */
    public record Report(MonthRange range, String quadrant, String segment, Instant asOf, Duration horizon,
            List<LoyaltyMonth> months) {
    }

    public YearMonth currentMonth() {
        return YearMonth.now(clock);
    }

    public Duration horizon() {
        return horizon;
    }

    public Uni<Report> report(MonthRange range, String quadrant, String segment) {
        Instant asOf = clock.instant();
        return pool.withTransaction(sql -> months(sql, range.from(), range.to(), quadrant, segment))
                .map(months -> new Report(range, quadrant, segment, asOf, horizon, months));
    }

    Uni<List<LoyaltyMonth>> months(SqlClient sql, YearMonth from, YearMonth to, String quadrant, String segment) {
        return queries.months(sql, from, to, quadrant, segment).map(cells -> {
            List<LoyaltyMonth> months = new ArrayList<>();
            for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                months.add(LoyaltyMonth.of(m, cells.state().get(m), cells.movements().get(m), cells.churn().get(m)));
            }
            return months;
        });
    }
}
