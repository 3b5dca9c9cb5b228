package org.bankcrm.offer.app;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.OfferMonth;
import org.bankcrm.offer.store.OfferKpiQueries.OfferAcceptance;
import org.bankcrm.platform.kpi.MonthRange;
import org.bankcrm.platform.kpi.MonthlySnapshot;
import org.bankcrm.platform.kpi.SnapshotFigures;
import org.bankcrm.platform.kpi.SnapshotFigures.Taken;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The monthly snapshot of offer-service's KPIs: once a month has closed, its figures for all channels and each channel
 * are written once, in one transaction. Runs daily ({@code crm.offer.kpi.snapshot.cron}): the first run after the
 * month closed writes it, the others (and a second replica, which waits on the claimed row) write nothing. The figures
 * are kept as JSON per channel ({@code kpi_snapshot_figures}).
 */
@ApplicationScoped
public class OfferKpiSnapshots {
    /** All channels, in the snapshot's channel column. */
    public static final String ALL = "";
    private final Pool pool;
    private final OfferKpis kpis;
    private final SnapshotFigures<Figures> store;
    private final Clock clock = Clock.systemUTC();

    public OfferKpiSnapshots(Pool pool, OfferKpis kpis, ObjectMapper json) {
        this.pool = pool;
        this.kpis = kpis;
        this.store = new SnapshotFigures<>(json, Figures.class, "channel");
    }

    /** A month's figures and its answers per offer. */
    public record Figures(OfferMonth month, List<OfferAcceptance> byOffer) {
    }

    @Scheduled(cron = "{crm.offer.kpi.snapshot.cron}", identity = "offer-kpi-snapshot",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return MonthlySnapshot.ofClosedMonth(clock, "offer", this::take);
    }

    /** Writes the month's snapshot unless it is written already: true when this call wrote it. */
    public Uni<Boolean> take(YearMonth month) {
        return MonthlySnapshot.takeOnce(pool, month, clock.instant(), sql -> {
            Uni<Void> written = write(sql, month, null);
            for (Channel channel : Channel.values()) {
                written = written.chain(() -> write(sql, month, channel.name()));
            }
            return written;
        });
    }

    private Uni<Void> write(SqlClient sql, YearMonth month, String channel) {
        return kpis.months(sql, month, month, channel).chain(months -> kpis.byOffer(sql, month, channel)
                .chain(byOffer -> store.write(sql, month, channel == null ? ALL : channel, new Figures(months.get(0), byOffer))));
    }

    /** The snapshots of all channels or one (null: all) over the range, oldest first. */
    public Uni<List<Taken<Figures>>> series(MonthRange range, String channel) {
        return pool.withTransaction(sql -> store.series(sql, range, channel == null ? ALL : channel));
    }
}
