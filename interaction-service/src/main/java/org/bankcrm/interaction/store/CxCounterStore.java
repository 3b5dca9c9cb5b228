package org.bankcrm.interaction.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.CauseDetail;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.CxCell;
import org.bankcrm.interaction.domain.CxCounts;
import org.bankcrm.interaction.domain.Need;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The daily CX counters (tables cx_daily, cx_daily_segment): added to in the recording transaction, on the shard of
 * the client, summed (over shards and days) for reports, compacted to one shard for past days.
 */
@ApplicationScoped
public class CxCounterStore {
    private static final String NO_CAUSE = "";
    private static final String COUNTERS = "touchpoints, csat_sum, csat_responses, promoters, passives, detractors, "
            + "negative, negative_bank_caused, repeat_contacts, journeys_closed, journeys_resolved, journeys_fcr";
    private static final String VALUES = ":touchpoints, :csatSum, :csatResponses, :promoters, :passives, :detractors, "
            + ":negative, :negativeBankCaused, :repeatContacts, :journeysClosed, :journeysResolved, :journeysFcr";
    static final String ADD = add("cx_daily", "", "");
    static final String ADD_TO_SEGMENT = add("cx_daily_segment", "segment, ", ":segment, ");
    static final String SUMS = sums("cx_daily", "");
    static final String SEGMENT_SUMS = sums("cx_daily_segment", " and segment = $4");
    static final String COMPACT = compact("cx_daily", "");
    static final String COMPACT_SEGMENTS = compact("cx_daily_segment", "segment, ");

    private static String add(String table, String segmentColumn, String segmentValue) {
        return "insert into " + table + " (day, " + segmentColumn + "channel, need, cause_detail, shard, " + COUNTERS
                + ") values (:day, " + segmentValue + ":channel, :need, :causeDetail, :shard, " + VALUES + ") on conflict (day, "
                + segmentColumn + "channel, need, cause_detail, shard) do update set " + addedUp(table);
    }

    /** Folds the shards of the days before $1 into shard 0, in one statement (rows moved are deleted). */
    private static String compact(String table, String segmentColumn) {
        StringBuilder sums = new StringBuilder();
        for (String column : COUNTERS.split(", ")) {
            sums.append(", sum(").append(column).append(')');
        }
        String cell = "day, " + segmentColumn + "channel, need, cause_detail";
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
        StringBuilder sums = new StringBuilder();
        for (String column : COUNTERS.split(", ")) {
            sums.append(", sum(").append(column).append(")::bigint");
        }
        return "select channel, need, cause_detail" + sums + " from " + table
                + " where day between $1 and $2 and ($3::text is null or channel = $3)" + segmentFilter
                + " group by channel, need, cause_detail";
    }

    private final Pool pool;

    public CxCounterStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds {@code counts} to the day's row of {@code shard}, and to the row of each segment the client is in, in the
     * caller's (the recording) transaction.
     */
    public Uni<Void> add(int shard, LocalDate day, Channel channel, Need need, CauseDetail causeDetail, CxCounts c,
            List<String> segments) {
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = bind(session.createNativeQuery(ADD), shard, day, channel, need, causeDetail, c).executeUpdate()
                    .replaceWithVoid();
            for (String segment : segments) {
                chain = chain.chain(() -> bind(session.createNativeQuery(ADD_TO_SEGMENT), shard, day, channel, need,
                        causeDetail, c).setParameter("segment", segment).executeUpdate().replaceWithVoid());
            }
            return chain;
        });
    }

    private static Mutiny.Query<Object> bind(Mutiny.Query<Object> query, int shard, LocalDate day, Channel channel,
            Need need, CauseDetail causeDetail, CxCounts c) {
        return query.setParameter("day", day)
                .setParameter("shard", (short) shard)
                .setParameter("channel", channel.name())
                .setParameter("need", need.name())
                .setParameter("causeDetail", causeDetail == null ? NO_CAUSE : causeDetail.name())
                .setParameter("touchpoints", c.touchpoints())
                .setParameter("csatSum", c.csatSum())
                .setParameter("csatResponses", c.csatResponses())
                .setParameter("promoters", c.promoters())
                .setParameter("passives", c.passives())
                .setParameter("detractors", c.detractors())
                .setParameter("negative", c.negative())
                .setParameter("negativeBankCaused", c.negativeBankCaused())
                .setParameter("repeatContacts", c.repeatContacts())
                .setParameter("journeysClosed", c.journeysClosed())
                .setParameter("journeysResolved", c.journeysResolved())
                .setParameter("journeysFcr", c.journeysFirstContactResolved());
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
    public static int shardOf(java.util.UUID clientId, int shards) {
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
                        String cause = row.getString(2);
                        result.add(new CxCell(Channel.valueOf(row.getString(0)), Need.valueOf(row.getString(1)),
                                cause.isEmpty() ? null : CauseDetail.valueOf(cause),
                                new CxCounts(row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6),
                                        row.getLong(7), row.getLong(8), row.getLong(9), row.getLong(10),
                                        row.getLong(11), row.getLong(12), row.getLong(13), row.getLong(14))));
                    }
                    return result;
                });
    }
}
