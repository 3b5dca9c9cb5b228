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

/** The daily CX counters (table cx_daily): added to in the recording transaction, summed for reports. */
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

    private static String add(String table, String segmentColumn, String segmentValue) {
        StringBuilder update = new StringBuilder();
        for (String column : COUNTERS.split(", ")) {
            if (!update.isEmpty()) {
                update.append(", ");
            }
            update.append(column).append(" = ").append(table).append('.').append(column).append(" + excluded.").append(column);
        }
        return "insert into " + table + " (day, " + segmentColumn + "channel, need, cause_detail, " + COUNTERS + ") values (:day, "
                + segmentValue + ":channel, :need, :causeDetail, " + VALUES + ") on conflict (day, " + segmentColumn
                + "channel, need, cause_detail) do update set " + update;
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
     * Adds {@code counts} to the day's row, and to the row of each segment the client is in, in the caller's
     * (the recording) transaction.
     */
    public Uni<Void> add(LocalDate day, Channel channel, Need need, CauseDetail causeDetail, CxCounts c,
            List<String> segments) {
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = bind(session.createNativeQuery(ADD), day, channel, need, causeDetail, c).executeUpdate()
                    .replaceWithVoid();
            for (String segment : segments) {
                chain = chain.chain(() -> bind(session.createNativeQuery(ADD_TO_SEGMENT), day, channel, need, causeDetail, c)
                        .setParameter("segment", segment).executeUpdate().replaceWithVoid());
            }
            return chain;
        });
    }

    private static Mutiny.Query<Object> bind(Mutiny.Query<Object> query, LocalDate day, Channel channel, Need need,
            CauseDetail causeDetail, CxCounts c) {
        return query.setParameter("day", day)
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
