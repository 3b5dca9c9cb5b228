package org.bankcrm.loyalty.app;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.LoyaltyMonth;
import org.bankcrm.loyalty.domain.ValueQuadrant;
import org.bankcrm.platform.kpi.MonthRange;
import org.bankcrm.platform.kpi.MonthlySnapshot;
import org.bankcrm.platform.kpi.SnapshotFigures;
import org.bankcrm.platform.kpi.SnapshotFigures.Taken;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The monthly snapshot of the loyalty KPIs: once a month has closed, its figures for the bank and each quadrant are
 * written once, in one transaction, so the trend shown later is the one seen then whatever the history becomes. Runs
 * daily ({@code crm.loyalty.kpi.snapshot.cron}): the first run after the month closed writes it, the others (and a
 * second replica, which waits on the claimed row) find it taken and write nothing. The figures are kept as JSON per
 * quadrant ({@code kpi_snapshot_figures}).
 */
@ApplicationScoped
public class LoyaltyKpiSnapshots {
    /** The bank as a whole, in the snapshot's quadrant column. */
    public static final String BANK = "";
    private final Pool pool;
    private final LoyaltyKpis kpis;
    private final SnapshotFigures<LoyaltyMonth> store;
    private final Clock clock = Clock.systemUTC();

    public LoyaltyKpiSnapshots(Pool pool, LoyaltyKpis kpis, ObjectMapper json) {
        this.pool = pool;
        this.kpis = kpis;
        this.store = new SnapshotFigures<>(json, LoyaltyMonth.class, "quadrant");
    }

    @Scheduled(cron = "{crm.loyalty.kpi.snapshot.cron}", identity = "loyalty-kpi-snapshot",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return MonthlySnapshot.ofClosedMonth(clock, "loyalty", this::take);
    }

    /** Writes the month's snapshot unless it is written already: true when this call wrote it. */
    public Uni<Boolean> take(YearMonth month) {
        return MonthlySnapshot.takeOnce(pool, month, clock.instant(), sql -> {
            Uni<Void> written = kpis.months(sql, month, month, null, null).chain(m -> store.write(sql, month, BANK, m.get(0)));
            for (ValueQuadrant q : ValueQuadrant.values()) {
                written = written.chain(() -> kpis.months(sql, month, month, q.name(), null)
                        .chain(m -> store.write(sql, month, q.name(), m.get(0))));
            }
            return written;
        });
    }

    /** The snapshots of the bank or a quadrant (null: the bank) over the range, oldest first. */
    public Uni<List<Taken<LoyaltyMonth>>> series(MonthRange range, String quadrant) {
        return pool.withTransaction(sql -> store.series(sql, range, quadrant == null ? BANK : quadrant));
    }
}
