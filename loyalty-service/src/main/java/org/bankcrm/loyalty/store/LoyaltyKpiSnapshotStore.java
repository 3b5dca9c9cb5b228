package org.bankcrm.loyalty.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.LoyaltyMonth;
import org.bankcrm.platform.kpi.MonthRange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The monthly snapshots of the loyalty KPIs ({@code kpi_snapshot}, {@code kpi_snapshot_figures}). */
@ApplicationScoped
public class LoyaltyKpiSnapshotStore {
    private final ObjectMapper json;

    public LoyaltyKpiSnapshotStore(ObjectMapper json) {
        this.json = json;
    }

    /** One scope's month (the bank: quadrant ""), as it stood when the snapshot was taken. */
    public record Snapshot(String quadrant, Instant takenAt, LoyaltyMonth figures) {
    }

    public Uni<Void> write(SqlClient sql, String quadrant, LoyaltyMonth figures) {
        String text;
        try {
            text = json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return sql.preparedQuery("insert into kpi_snapshot_figures (month, quadrant, figures) values ($1, $2, $3)")
                .execute(Tuple.of(figures.month().atDay(1), quadrant, new JsonObject(text))).replaceWithVoid();
    }

    /** The snapshots of the bank ({@code ""}) or a quadrant over the range, oldest first; a month not taken is absent. */
    public Uni<List<Snapshot>> series(SqlClient sql, MonthRange range, String quadrant) {
        return sql.preparedQuery("""
                select f.month, f.quadrant, f.figures::text as figures, s.taken_at
                from kpi_snapshot_figures f join kpi_snapshot s on s.month = f.month
                where f.month >= $1 and f.month <= $2 and f.quadrant = $3
                order by f.month
                """).execute(Tuple.of(range.from().atDay(1), range.to().atDay(1), quadrant)).map(rows -> {
                    List<Snapshot> series = new ArrayList<>();
                    rows.forEach(row -> {
                        try {
                            series.add(new Snapshot(row.getString("quadrant"), row.getOffsetDateTime("taken_at").toInstant(),
                                    json.readValue(row.getString("figures"), LoyaltyMonth.class)));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException("snapshot of " + row.getLocalDate("month") + " unreadable", e);
                        }
                    });
                    return series;
                });
    }
}
