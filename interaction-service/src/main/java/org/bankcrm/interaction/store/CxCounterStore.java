package org.bankcrm.interaction.store;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.Cause;
import org.bankcrm.interaction.domain.CauseDetail;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.CxCell;
import org.bankcrm.interaction.domain.CxCounts;
import org.bankcrm.interaction.domain.Need;

import org.bankcrm.platform.store.PlatformStatements;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The daily CX counters (tables cx_daily, cx_daily_segment): added to in the recording transaction, on the shard of
 * the client, summed (over shards and days) for reports, compacted to one shard for past days.
 */
@ApplicationScoped
public class CxCounterStore {
    /** No cause, no cause detail: '' in a cell's key. */
    private static final String NONE = "";
    static final String COUNTERS = "touchpoints, csat_sum, csat_responses, promoters, passives, detractors, "
            + "negative, negative_bank_caused, repeat_contacts, journeys_closed, journeys_resolved, journeys_fcr";
    /** ", sum(touchpoints)::bigint, ...": the counters summed over the rows of a cell, in the order of COUNTERS. */
    static final String SUMMED = summed();

    static final String SUMS = sums("cx_daily", "");
    static final String SEGMENT_SUMS = sums("cx_daily_segment", " and segment = $4");
    static final String COMPACT = compact("cx_daily", "");
    static final String COMPACT_SEGMENTS = compact("cx_daily_segment", "segment, ");

    /** The counters of the days from $1 to before $2 per cell, of one channel, need and cause when $3, $4, $5 are given. */
    static final String MONTHLY = "select date_trunc('month', day)::date as month, channel, need, cause, cause_detail" + SUMMED
            + " from cx_daily where day >= $1 and day < $2 and ($3::text is null or channel = $3)"
            + " and ($4::text is null or need = $4) and ($5::text is null or cause = $5)"
            + " group by 1, channel, need, cause, cause_detail";

    /**
     * Many cells' additions in one statement per table (a touchpoint's, or an inbox batch's summed per cell by
     * {@link Pending}): the rows of {@code $1}, a JSON array of cells with their counters, in the order given (cells
     * sorted, so two transactions lock the rows they share in one order); one round trip whatever the number of rows.
     */
    static final String ADD_ALL = addAll("cx_daily", "", "");
    static final String ADD_ALL_SEGMENTS = addAll("cx_daily_segment", "segment, ", "segment text, ");

    private static String addAll(String table, String segmentColumn, String segmentType) {
        StringBuilder types = new StringBuilder();
        for (String column : COUNTERS.split(", ")) {
            types.append(", ").append(column).append(" bigint");
        }
        return "insert into " + table + " (day, " + segmentColumn + "channel, need, cause, cause_detail, shard, " + COUNTERS
                + ") select day, " + segmentColumn + "channel, need, cause, cause_detail, shard, " + COUNTERS
                + " from json_to_recordset(cast(cast($1 as text) as json)) as r(position integer, day date, " + segmentType
                + "channel text, need text, cause text, cause_detail text, shard smallint" + types + ") order by position"
                + " on conflict (day, " + segmentColumn + "channel, need, cause, cause_detail, shard) do update set "
                + addedUp(table);
    }

    /** Folds the shards of the days before $1 into shard 0, in one statement (rows moved are deleted). */
    private static String compact(String table, String segmentColumn) {
        StringBuilder sums = new StringBuilder();
        for (String column : COUNTERS.split(", ")) {
            sums.append(", sum(").append(column).append(')');
        }
        String cell = "day, " + segmentColumn + "channel, need, cause, cause_detail";
        return "with moved as (delete from " + table + " where shard <> 0 and day < $1 returning *) insert into " + table
                + " (" + cell + ", shard, " + COUNTERS + ") select " + cell + ", 0" + sums + " from moved group by " + cell
                + " on conflict (" + cell + ", shard) do update set " + addedUp(table);
    }

    private static String addedUp(String table) {
        StringBuilder update = new StringBuilder();
        for (String column : COUNTERS.split(", ")) {
            if (!update.isEmpty()) {
                update.append(", ");
            }
            update.append(column).append(" = ").append(table).append('.').append(column).append(" + excluded.").append(column);
        }
        return update.toString();
    }

    private static String sums(String table, String segmentFilter) {
        return "select channel, need, cause, cause_detail" + SUMMED + " from " + table
                + " where day between $1 and $2 and ($3::text is null or channel = $3)" + segmentFilter
                + " group by channel, need, cause, cause_detail";
    }

    private static String summed() {
        StringBuilder sums = new StringBuilder();
        for (String column : COUNTERS.split(", ")) {
            sums.append(", sum(").append(column).append(")::bigint");
        }
        return sums.toString();
    }

    private final Pool pool;
    private final ObjectMapper json;

    public CxCounterStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Adds {@code counts} to the day's row of {@code shard}, and to the row of each segment the client is in, in the
     * caller's (the recording) transaction.
     */
    public Uni<Void> add(int shard, LocalDate day, Channel channel, Need need, Cause cause, CauseDetail causeDetail, CxCounts c,
            List<String> segments) {
        Pending one = new Pending();
        one.add(shard, day, channel, need, cause, causeDetail, c, segments);
        return addAll(one);
    }

    /** One cell of the daily counters: a day's row of a shard, and of a segment when {@code segment} is not null. */
    record Cell(LocalDate day, String segment, String channel, String need, String cause, String causeDetail, short shard)
            implements Comparable<Cell> {
        private static final java.util.Comparator<Cell> ORDER = java.util.Comparator.comparing(Cell::day)
                .thenComparing(Cell::segment, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .thenComparing(Cell::channel).thenComparing(Cell::need).thenComparing(Cell::cause)
                .thenComparing(Cell::causeDetail).thenComparing(Cell::shard);

        @Override
        public int compareTo(Cell other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * An inbox batch's additions, summed per cell in memory and written by {@link #addAll} at the batch's end: one
     * statement for the days' rows and one for the segments' rows, whatever the number of touchpoints.
     */
    public static final class Pending {
        private final java.util.Map<Cell, CxCounts> days = new java.util.TreeMap<>();
        private final java.util.Map<Cell, CxCounts> segments = new java.util.TreeMap<>();

        /** As {@link CxCounterStore#add}, kept for the batch's end. */
        public void add(int shard, LocalDate day, Channel channel, Need need, Cause cause, CauseDetail causeDetail, CxCounts c,
                List<String> clientSegments) {
            String causeName = cause == null ? NONE : cause.name();
            String detailName = causeDetail == null ? NONE : causeDetail.name();
            days.merge(new Cell(day, null, channel.name(), need.name(), causeName, detailName, (short) shard), c, CxCounts::plus);
            for (String segment : new java.util.TreeSet<>(clientSegments)) {
                segments.merge(new Cell(day, segment, channel.name(), need.name(), causeName, detailName, (short) shard), c,
                        CxCounts::plus);
            }
        }

        boolean isEmpty() {
            return days.isEmpty() && segments.isEmpty();
        }
    }

    /** Writes what {@code pending} summed, in the caller's transaction (the batch's). */
    public Uni<Void> addAll(Pending pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> days = pending.days.isEmpty() ? Uni.createFrom().voidItem() : addAll(ADD_ALL, pending.days);
        return days.chain(() -> pending.segments.isEmpty() ? Uni.createFrom().voidItem()
                : addAll(ADD_ALL_SEGMENTS, pending.segments));
    }

    private Uni<Void> addAll(String statement, java.util.Map<Cell, CxCounts> cells) {
        com.fasterxml.jackson.databind.node.ArrayNode rows = json.createArrayNode();
        for (var entry : cells.entrySet()) {
            Cell cell = entry.getKey();
            CxCounts c = entry.getValue();
            var row = rows.addObject().put("position", rows.size()).put("day", cell.day().toString());
            if (cell.segment() != null) {
                row.put("segment", cell.segment());
            }
            row.put("channel", cell.channel()).put("need", cell.need()).put("cause", cell.cause())
                    .put("cause_detail", cell.causeDetail()).put("shard", cell.shard())
                    .put("touchpoints", c.touchpoints()).put("csat_sum", c.csatSum()).put("csat_responses", c.csatResponses())
                    .put("promoters", c.promoters()).put("passives", c.passives()).put("detractors", c.detractors())
                    .put("negative", c.negative()).put("negative_bank_caused", c.negativeBankCaused())
                    .put("repeat_contacts", c.repeatContacts()).put("journeys_closed", c.journeysClosed())
                    .put("journeys_resolved", c.journeysResolved()).put("journeys_fcr", c.journeysFirstContactResolved());
        }
        // counter rows are no entity's: straight to the session's connection, no auto-flush of the recording's entities
        return PlatformStatements.update(statement, rows.toString()).replaceWithVoid();
    }

    /**
     * Folds the shards of every day before {@code before} into one row per cell (shard 0), in a transaction of its
     * own; the counters stay exact (a touchpoint arriving meanwhile for such a day waits for the rows moved, then adds
     * to its shard again, which the next compaction folds). Returns how many cells were written.
     */
    public Uni<Integer> compact(LocalDate before) {
        return pool.withTransaction(conn -> conn.preparedQuery(COMPACT).execute(Tuple.of(before))
                .chain(days -> conn.preparedQuery(COMPACT_SEGMENTS).execute(Tuple.of(before))
                        .map(segments -> days.rowCount() + segments.rowCount())));
    }

    /** Which of {@code shards} rows a client's touchpoints add to: always the same one for one client. */
    public static int shardOf(UUID clientId, int shards) {
        return Math.floorMod(clientId.hashCode(), shards);
    }

    /**
     * The counters from {@code from} to {@code to} (inclusive), per channel, need and cause detail; of one
     * channel and of the clients of one segment when those are given.
     */
    public Uni<List<CxCell>> sums(LocalDate from, LocalDate to, Channel channel, String segment) {
        String channelName = channel == null ? null : channel.name();
        var rowsUni = segment == null
                ? pool.preparedQuery(SUMS).execute(Tuple.of(from, to, channelName))
                : pool.preparedQuery(SEGMENT_SUMS).execute(Tuple.of(from, to, channelName, segment));
        return rowsUni
                .map(rows -> {
                    List<CxCell> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(cell(row, 0));
                    }
                    return result;
                });
    }

    /** The counters of the months from..to per cell (filters null: all), oldest month first, in the caller's transaction. */
    public Uni<List<MonthCell>> monthly(SqlClient sql, YearMonth from, YearMonth to, CellFilter filter) {
        return sql.preparedQuery(MONTHLY).execute(Tuple.of(from.atDay(1), to.plusMonths(1).atDay(1), name(filter.channel()),
                name(filter.need()), name(filter.cause()))).map(CxCounterStore::monthCells);
    }

    /** Which cells a KPI query sums: of one channel, need and cause when given (null: all). */
    public record CellFilter(Channel channel, Need need, Cause cause) {
        public static final CellFilter ALL = new CellFilter(null, null, null);
    }

    /** A cell's counts in one month. */
    public record MonthCell(YearMonth month, CxCell cell) {
    }

    /** Rows of (month, channel, need, cause, cause_detail, counters...). */
    static List<MonthCell> monthCells(RowSet<Row> rows) {
        List<MonthCell> result = new ArrayList<>();
        for (Row row : rows) {
            result.add(new MonthCell(YearMonth.from(row.getLocalDate(0)), cell(row, 1)));
        }
        return result;
    }

    /** A cell from the row's columns from {@code at} on: channel, need, cause, cause_detail, then the counters. */
    static CxCell cell(Row row, int at) {
        String cause = row.getString(at + 2);
        String detail = row.getString(at + 3);
        int c = at + 4;
        return new CxCell(Channel.valueOf(row.getString(at)), Need.valueOf(row.getString(at + 1)),
                cause.isEmpty() ? null : Cause.valueOf(cause), detail.isEmpty() ? null : CauseDetail.valueOf(detail),
                new CxCounts(row.getLong(c), row.getLong(c + 1), row.getLong(c + 2), row.getLong(c + 3), row.getLong(c + 4),
                        row.getLong(c + 5), row.getLong(c + 6), row.getLong(c + 7), row.getLong(c + 8), row.getLong(c + 9),
                        row.getLong(c + 10), row.getLong(c + 11)));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
