package org.bankcrm.offer.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.OfferMonth;
import org.bankcrm.offer.store.OfferKpiQueries.OfferAcceptance;
import org.bankcrm.platform.kpi.MonthRange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The monthly snapshots of offer-service's KPIs ({@code kpi_snapshot}, {@code kpi_snapshot_figures}). */
@ApplicationScoped
public class OfferKpiSnapshotStore {
    private final ObjectMapper json;

    public OfferKpiSnapshotStore(ObjectMapper json) {
        this.json = json;
    }

    /** A month's figures and its answers per offer. */
    public record Figures(OfferMonth month, List<OfferAcceptance> byOffer) {
    }

    /** One scope's month (all channels: ""), as it stood when the snapshot was taken. */
    public record Snapshot(String channel, Instant takenAt, Figures figures) {
    }

    public Uni<Void> write(SqlClient sql, String channel, Figures figures) {
        String text;
        try {
            text = json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return sql.preparedQuery("insert into kpi_snapshot_figures (month, channel, figures) values ($1, $2, $3)")
                .execute(Tuple.of(figures.month().month().atDay(1), channel, new JsonObject(text))).replaceWithVoid();
    }

    /** The snapshots of all channels ({@code ""}) or one over the range, oldest first; a month not taken is absent. */
    public Uni<List<Snapshot>> series(SqlClient sql, MonthRange range, String channel) {
        return sql.preparedQuery("""
                select f.month, f.channel, f.figures::text as figures, s.taken_at
                from kpi_snapshot_figures f join kpi_snapshot s on s.month = f.month
                where f.month >= $1 and f.month <= $2 and f.channel = $3
                order by f.month
                """).execute(Tuple.of(range.from().atDay(1), range.to().atDay(1), channel)).map(rows -> {
                    List<Snapshot> series = new ArrayList<>();
                    rows.forEach(row -> {
                        try {
                            series.add(new Snapshot(row.getString("channel"), row.getOffsetDateTime("taken_at").toInstant(),
                                    json.readValue(row.getString("figures"), Figures.class)));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException("snapshot of " + row.getLocalDate("month") + " unreadable", e);
                        }
                    });
                    return series;
                });
    }
}
