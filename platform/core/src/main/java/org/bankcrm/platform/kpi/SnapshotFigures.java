package org.bankcrm.platform.kpi;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A service's monthly KPI figures kept as JSON, one row per month and scope in its {@code kpi_snapshot_figures}
 * ({@code month}, the scope column, {@code figures jsonb}), written in the transaction that claimed the month
 * ({@link MonthlySnapshot#takeOnce}) and read back with the month's {@code taken_at}. The scope is what the service's
 * snapshots are kept per (a quadrant, a channel), {@code ""} for the whole.
 *
 * @param <F> the service's figures of a month, as Jackson writes and reads them
 */
public final class SnapshotFigures<F> {
    private final ObjectMapper json;
    private final Class<F> type;
    private final String insert;
    private final String select;

    /** A month's figures of one scope, as they stood when the snapshot was taken. */
    public record Taken<F>(String scope, Instant takenAt, F figures) {
    }

    /** {@code scopeColumn} is a column name of the service's table, never input. */
    public SnapshotFigures(ObjectMapper json, Class<F> type, String scopeColumn) {
        if (!scopeColumn.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a column name: " + scopeColumn);
        }
        this.json = json;
        this.type = type;
        this.insert = "insert into kpi_snapshot_figures (month, " + scopeColumn + ", figures) values ($1, $2, $3)";
        this.select = "select f.month, f." + scopeColumn + " as scope, f.figures::text as figures, s.taken_at"
                + " from kpi_snapshot_figures f join kpi_snapshot s on s.month = f.month"
                + " where f.month >= $1 and f.month <= $2 and f." + scopeColumn + " = $3 order by f.month";
    }

    public Uni<Void> write(SqlClient sql, YearMonth month, String scope, F figures) {
        String text;
        try {
            text = json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return sql.preparedQuery(insert).execute(Tuple.of(month.atDay(1), scope, new JsonObject(text))).replaceWithVoid();
    }

    /** The snapshots of one scope over the range, oldest first; a month not taken is absent. */
    public Uni<List<Taken<F>>> series(SqlClient sql, MonthRange range, String scope) {
        return sql.preparedQuery(select).execute(Tuple.of(range.from().atDay(1), range.to().atDay(1), scope)).map(rows -> {
            List<Taken<F>> series = new ArrayList<>();
            rows.forEach(row -> {
                try {
                    series.add(new Taken<>(row.getString("scope"), row.getOffsetDateTime("taken_at").toInstant(),
                            json.readValue(row.getString("figures"), type)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("snapshot of " + row.getLocalDate("month") + " unreadable", e);
                }
            });
            return series;
        });
    }
}
