package org.bankcrm.interaction.app;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.CxBreakdown;
import org.bankcrm.interaction.domain.CxMonth;
import org.bankcrm.interaction.store.CxCounterStore.CellFilter;
import org.bankcrm.interaction.store.CxKpiSnapshotStore;
import org.bankcrm.platform.kpi.MonthRange;
import org.bankcrm.platform.kpi.MonthlySnapshot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The monthly snapshot of the CX KPIs: once a month has closed, its counters summed per cell (channel, need, cause,
 * cause detail) are copied once, in one transaction, so every filter of the month reads as it stood then. Runs daily
 * ({@code crm.interaction.kpi.snapshot.cron}): the first run after the month closed writes it, the others (and a
 * second replica, which waits on the claimed row) write nothing.
 */
@ApplicationScoped
public class CxKpiSnapshots {
    private final Pool pool;
    private final CxKpis kpis;
    private final CxKpiSnapshotStore store;
    private final Clock clock = Clock.systemUTC();

    public CxKpiSnapshots(Pool pool, CxKpis kpis, CxKpiSnapshotStore store) {
        this.pool = pool;
        this.kpis = kpis;
        this.store = store;
    }

    /** A snapshot's month: its KPIs (findings against the month before when that was taken too) and when it was taken. */
    public record Taken(CxMonth month, Instant takenAt) {
    }

    @Scheduled(cron = "{crm.interaction.kpi.snapshot.cron}", identity = "interaction-kpi-snapshot",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return MonthlySnapshot.ofClosedMonth(clock, "CX", this::take);
    }

    /** Writes the month's snapshot unless it is written already: true when this call wrote it. */
    public Uni<Boolean> take(YearMonth month) {
        return MonthlySnapshot.takeOnce(pool, month, clock.instant(), sql -> store.write(sql, month));
    }

    /** The months of the range taken, oldest first; a month not taken is absent. */
    public Uni<List<Taken>> series(MonthRange range, CellFilter filter) {
        return pool.withTransaction(sql -> store.series(sql, range.from().minusMonths(1), range.to(), filter)).map(series -> {
            Map<YearMonth, CxBreakdown> cells = CxKpis.breakdowns(series.cells());
            Map<YearMonth, Instant> taken = series.taken();
            return kpis.months(range.months(), m -> taken.containsKey(m) ? cells.getOrDefault(m, CxBreakdown.NONE) : null)
                    .stream().map(m -> new Taken(m, taken.get(m.month()))).toList();
        });
    }
}
