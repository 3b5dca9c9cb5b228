package org.bankcrm.client.app;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.KpiScope;
import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.store.KpiSnapshotStore;
import org.bankcrm.client.store.KpiSnapshotStore.Snapshot;
import org.bankcrm.client.store.PortfolioKpiQueries;
import org.bankcrm.client.store.PortfolioKpiQueries.Filter;
import org.bankcrm.platform.kpi.MonthRange;
import org.bankcrm.platform.kpi.MonthlySnapshot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The monthly snapshot of the KPIs: once a month has closed, its figures for the bank, each active segment and each
 * quadrant are written once, in one transaction, so the trend shown later is the one seen then whatever the history
 * becomes. Runs daily ({@code crm.client.kpi.snapshot.cron}): the first run after the month closed writes it, the
 * others (and a second replica) find it taken and write nothing.
 */
@ApplicationScoped
public class KpiSnapshots {
    private final Pool pool;
    private final PortfolioKpis kpis;
    private final PortfolioKpiQueries queries;
    private final KpiSnapshotStore store;
    private final Clock clock = Clock.systemUTC();

    public KpiSnapshots(Pool pool, PortfolioKpis kpis, PortfolioKpiQueries queries, KpiSnapshotStore store) {
        this.pool = pool;
        this.kpis = kpis;
        this.queries = queries;
        this.store = store;
    }

    @Scheduled(cron = "{crm.client.kpi.snapshot.cron}", identity = "kpi-snapshot",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return MonthlySnapshot.ofClosedMonth(clock, "client", this::take);
    }

    /** Writes the month's snapshot unless it is written already: true when this call wrote it. */
    public Uni<Boolean> take(YearMonth month) {
        Instant at = clock.instant();
        return MonthlySnapshot.takeOnce(pool, month, at, sql -> queries.segmentCodes(sql).chain(segments -> {
                List<Filter> scopes = new ArrayList<>();
                scopes.add(Filter.BANK);
                segments.forEach(code -> scopes.add(new Filter(code, null)));
                for (ValueQuadrant q : ValueQuadrant.values()) {
                    scopes.add(new Filter(null, q.name()));
                }
                Uni<Void> written = Uni.createFrom().voidItem();
                for (Filter scope : scopes) {
                    written = written.chain(() -> snapshot(sql, month, scope, at).chain(s -> store.write(sql, s)));
                }
                return written;
            }));
    }

    private Uni<Snapshot> snapshot(SqlClient sql, YearMonth month, Filter filter, Instant at) {
        KpiScope scope = filter.segment() != null ? KpiScope.SEGMENT : filter.quadrant() != null ? KpiScope.QUADRANT : KpiScope.BANK;
        String code = filter.segment() != null ? filter.segment() : filter.quadrant() != null ? filter.quadrant() : "";
        return kpis.months(sql, month, month, filter).chain(months -> queries.valueMix(sql, filter)
                .map(mix -> new Snapshot(scope, code, at, mix.stream().mapToLong(PortfolioKpiQueries.ValueCell::clients).sum(),
                        mix, months.get(0).figures(), months.get(0).fundsGrowth())));
    }

    /** The snapshots of the bank, a segment or a quadrant over the range, oldest first. */
    public Uni<List<Snapshot>> series(MonthRange range, Filter filter) {
        return pool.withTransaction(sql -> kpis.checked(sql, filter).chain(() -> filter.segment() != null
                ? store.series(sql, range, KpiScope.SEGMENT, filter.segment())
                : filter.quadrant() != null ? store.series(sql, range, KpiScope.QUADRANT, filter.quadrant())
                        : store.series(sql, range, KpiScope.BANK, "")));
    }
}
