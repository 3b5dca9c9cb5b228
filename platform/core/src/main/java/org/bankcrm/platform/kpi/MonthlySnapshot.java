package org.bankcrm.platform.kpi;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A closed month's KPI snapshot, written once: the transaction that writes the figures first claims the month in the
 * service's {@code kpi_snapshot} table ({@code month} its key, {@code taken_at}) with {@code on conflict do nothing}, and
 * only the one whose insert took the row writes; a second replica (which waits on the row) or a later run write nothing.
 */
public final class MonthlySnapshot {
    private static final Logger LOG = Logger.getLogger(MonthlySnapshot.class);

    private MonthlySnapshot() {
    }

    /** Claims the month and writes its figures in the same transaction: true when this call wrote them. */
    public static Uni<Boolean> takeOnce(Pool pool, YearMonth month, Instant at, Function<SqlClient, Uni<?>> write) {
        return pool.withTransaction(sql -> sql
                .preparedQuery("insert into kpi_snapshot (month, taken_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(month.atDay(1), OffsetDateTime.ofInstant(at, ZoneOffset.UTC)))
                .chain(rows -> rows.rowCount() == 1 ? write.apply(sql).replaceWith(true) : Uni.createFrom().item(false)));
    }

    /** A scheduled job's run: the snapshot of the month before the current one, logged when this run wrote it. */
    public static Uni<Void> ofClosedMonth(Clock clock, String name, Function<YearMonth, Uni<Boolean>> take) {
        YearMonth closed = YearMonth.now(clock).minusMonths(1);
        return take.apply(closed).invoke(taken -> {
            if (taken) {
                LOG.infof("%s KPI snapshot of %s written", name, closed);
            }
        }).replaceWithVoid();
    }
}
