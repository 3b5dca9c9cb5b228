package org.bankcrm.client.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.KpiScope;
import org.bankcrm.client.domain.PortfolioMonth;
import org.bankcrm.client.store.PortfolioKpiQueries.ValueCell;
import org.bankcrm.platform.kpi.MonthRange;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The monthly snapshots of the KPIs ({@code kpi_snapshot}, {@code kpi_snapshot_figures}). */
@ApplicationScoped
public class KpiSnapshotStore {

    /** One scope's KPIs of a month, as they stood when the snapshot was taken. */
    public record Snapshot(KpiScope scope, String code, Instant takenAt, long clients, List<ValueCell> valueMix,
            PortfolioMonth figures, BigDecimal fundsGrowth) {
    }

    public Uni<Void> write(SqlClient sql, Snapshot s) {
        PortfolioMonth f = s.figures();
        JsonArray mix = new JsonArray();
        s.valueMix().forEach(c -> mix.add(new JsonObject().put("quadrant", c.quadrant()).put("strategy", c.strategy())
                .put("clients", c.clients())));
        return sql.preparedQuery("""
                insert into kpi_snapshot_figures (month, scope, code, clients, clients_holding, open_products,
                    second_product_clients, funded_clients, funds, funds_growth, products_opened, products_closed, value_mix)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                """).execute(Tuple.from(new Object[] { f.month().atDay(1), s.scope().name(), s.code(), s.clients(),
                f.clientsHolding(), f.openProducts(), f.secondProductClients(), f.fundedClients(), f.funds(), s.fundsGrowth(),
                f.opened(), f.closed(), mix })).replaceWithVoid();
    }

    /** The snapshots of one scope over the range, oldest first; a month not taken is absent. */
    public Uni<List<Snapshot>> series(SqlClient sql, MonthRange range, KpiScope scope, String code) {
        return sql.preparedQuery("""
                select f.*, s.taken_at from kpi_snapshot_figures f join kpi_snapshot s on s.month = f.month
                where f.month >= $1 and f.month <= $2 and f.scope = $3 and f.code = $4
                order by f.month
                """).execute(Tuple.of(range.from().atDay(1), range.to().atDay(1), scope.name(), code)).map(rows -> {
                    List<Snapshot> series = new ArrayList<>();
                    rows.forEach(row -> series.add(snapshot(row)));
                    return series;
                });
    }

    static Snapshot snapshot(Row row) {
        PortfolioMonth figures = new PortfolioMonth(YearMonth.from(row.getLocalDate("month")), row.getLong("clients_holding"),
                row.getLong("open_products"), row.getLong("second_product_clients"), row.getLong("funded_clients"),
                row.getBigDecimal("funds"), row.getLong("products_opened"), row.getLong("products_closed"));
        List<ValueCell> mix = new ArrayList<>();
        JsonArray cells = (JsonArray) row.getValue("value_mix");
        for (int i = 0; i < cells.size(); i++) {
            JsonObject c = cells.getJsonObject(i);
            mix.add(new ValueCell(c.getString("quadrant"), c.getString("strategy"), c.getLong("clients")));
        }
        return new Snapshot(KpiScope.valueOf(row.getString("scope")), row.getString("code"),
                row.getOffsetDateTime("taken_at").toInstant(), row.getLong("clients"), mix, figures, row.getBigDecimal("funds_growth"));
    }
}
