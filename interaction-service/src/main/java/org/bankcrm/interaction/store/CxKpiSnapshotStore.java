package org.bankcrm.interaction.store;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.store.CxCounterStore.CellFilter;
import org.bankcrm.interaction.store.CxCounterStore.MonthCell;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The monthly snapshots of the CX KPIs ({@code kpi_snapshot}, {@code kpi_snapshot_cell}): each month's counter cells. */
@ApplicationScoped
public class CxKpiSnapshotStore {
    private static final String COPY = "insert into kpi_snapshot_cell (month, channel, need, cause, cause_detail, "
            + CxCounterStore.COUNTERS + ") select $1, channel, need, cause, cause_detail" + CxCounterStore.SUMMED
            + " from cx_daily where day >= $1 and day < $2 group by channel, need, cause, cause_detail";
    private static final String CELLS = "select month, channel, need, cause, cause_detail" + CxCounterStore.SUMMED
            + " from kpi_snapshot_cell where month >= $1 and month <= $2 and ($3::text is null or channel = $3)"
            + " and ($4::text is null or need = $4) and ($5::text is null or cause = $5)"
            + " group by month, channel, need, cause, cause_detail";

    /** The months taken in a range (when each was taken) and their cells of the filter. */
    public record Series(Map<YearMonth, Instant> taken, List<MonthCell> cells) {
    }

    /** Copies the month's counters, summed per cell over its days and shards, into the snapshot; returns the cells written. */
    public Uni<Integer> write(SqlClient sql, YearMonth month) {
        return sql.preparedQuery(COPY).execute(Tuple.of(month.atDay(1), month.plusMonths(1).atDay(1))).map(rows -> rows.rowCount());
    }

    /** The months from..to taken, and their cells narrowed by the filter. */
    public Uni<Series> series(SqlClient sql, YearMonth from, YearMonth to, CellFilter filter) {
        return sql.preparedQuery("select month, taken_at from kpi_snapshot where month >= $1 and month <= $2")
                .execute(Tuple.of(from.atDay(1), to.atDay(1))).chain(months -> {
                    Map<YearMonth, Instant> taken = new TreeMap<>();
                    months.forEach(row -> taken.put(YearMonth.from(row.getLocalDate(0)), row.getOffsetDateTime(1).toInstant()));
                    return sql.preparedQuery(CELLS).execute(Tuple.of(from.atDay(1), to.atDay(1), name(filter.channel()),
                            name(filter.need()), name(filter.cause())))
                            .map(rows -> new Series(taken, CxCounterStore.monthCells(rows)));
                });
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
