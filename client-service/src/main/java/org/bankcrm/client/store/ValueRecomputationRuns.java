package org.bankcrm.client.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.ValueRecomputationRun;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The runs of the value recomputation ({@code value_recomputation}), on a connection or pool of the caller's. */
@ApplicationScoped
public class ValueRecomputationRuns {
    static final String COLUMNS = "id, trigger, status, total, done, changed, error, requested_at, started_at, finished_at";

    /** Where the run stands and the last client it finished, for a run taken up again. */
    public record Cursor(ValueRecomputationRun run, UUID lastClientId) {
    }

    /** A new PENDING run, unless one is already waiting or running (then empty). */
    public Uni<Optional<ValueRecomputationRun>> request(SqlClient sql, ValueRecomputationRun.Trigger trigger, Instant at) {
        return sql.preparedQuery("insert into value_recomputation (id, trigger, status, requested_at) values ($1, $2, 'PENDING', $3)"
                + " on conflict do nothing returning " + COLUMNS)
                .execute(Tuple.of(UUID.randomUUID(), trigger.name(), utc(at)))
                .map(rows -> first(rows));
    }

    /** The run waiting or running, if any. */
    public Uni<Optional<ValueRecomputationRun>> active(SqlClient sql) {
        return sql.query("select " + COLUMNS + " from value_recomputation where status in ('PENDING', 'RUNNING')").execute()
                .map(ValueRecomputationRuns::first);
    }

    public Uni<Optional<ValueRecomputationRun>> find(SqlClient sql, UUID id) {
        return sql.preparedQuery("select " + COLUMNS + " from value_recomputation where id = $1").execute(Tuple.of(id))
                .map(ValueRecomputationRuns::first);
    }

    /** The latest runs, newest first. */
    public Uni<List<ValueRecomputationRun>> latest(SqlClient sql, int limit) {
        return sql.preparedQuery("select " + COLUMNS + " from value_recomputation order by requested_at desc limit $1")
                .execute(Tuple.of(limit)).map(rows -> {
                    List<ValueRecomputationRun> runs = new ArrayList<>();
                    rows.forEach(row -> runs.add(run(row)));
                    return runs;
                });
    }

    /**
     * Marks the run RUNNING with the number of live clients (the first time) and returns where to go on from;
     * empty when it is no longer waiting or running.
     */
    public Uni<Optional<Cursor>> start(SqlClient sql, UUID id, Instant at) {
        return sql.preparedQuery("""
                update value_recomputation set status = 'RUNNING', started_at = coalesce(started_at, $2),
                    total = case when started_at is null then (select count(*) from client where erased_at is null) else total end
                where id = $1 and status in ('PENDING', 'RUNNING')
                """ + " returning " + COLUMNS + ", last_client_id")
                .execute(Tuple.of(id, utc(at)))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.<Cursor>empty();
                    }
                    Row row = it.next();
                    return Optional.of(new Cursor(run(row), row.getUUID("last_client_id")));
                });
    }

    /** Where a running run goes on from: after {@code lastClientId} (null: from the first client). */
    public record Position(UUID lastClientId) {
    }

    /**
     * The run's position, its row locked until the caller's transaction ends, so replicas working the same run (each
     * takes up an active run at start) do its pages one after the other, each page once; empty when the run is no
     * longer running.
     */
    public Uni<Optional<Position>> lockPosition(SqlClient sql, UUID id) {
        return sql.preparedQuery("select last_client_id from value_recomputation where id = $1 and status = 'RUNNING' for update")
                .execute(Tuple.of(id))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(new Position(it.next().getUUID("last_client_id"))) : Optional.<Position>empty();
                });
    }

    /** One more page done: in the page's transaction, so progress and value changes commit together. */
    public Uni<Void> progress(SqlClient sql, UUID id, int done, int changed, UUID lastClientId) {
        return sql.preparedQuery("update value_recomputation set done = done + $2, changed = changed + $3, last_client_id = $4 where id = $1")
                .execute(Tuple.of(id, done, changed, lastClientId)).replaceWithVoid();
    }

    public Uni<Void> finish(SqlClient sql, UUID id, ValueRecomputationRun.Status status, String error, Instant at) {
        // only a run still waiting or running ends: a replica that finds it done by another leaves it as it is
        return sql.preparedQuery("update value_recomputation set status = $2, error = $3, finished_at = $4 "
                + "where id = $1 and status in ('PENDING', 'RUNNING')")
                .execute(Tuple.of(id, status.name(), error, utc(at))).replaceWithVoid();
    }

    private static Optional<ValueRecomputationRun> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(run(it.next())) : Optional.empty();
    }

    private static ValueRecomputationRun run(Row row) {
        return new ValueRecomputationRun(row.getUUID("id"), ValueRecomputationRun.Trigger.valueOf(row.getString("trigger")),
                ValueRecomputationRun.Status.valueOf(row.getString("status")), row.getLong("total"), row.getLong("done"),
                row.getLong("changed"), row.getString("error"), instant(row.getOffsetDateTime("requested_at")),
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("finished_at")));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
