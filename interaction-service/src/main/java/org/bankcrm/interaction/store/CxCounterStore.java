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

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The daily CX counters (table cx_daily): added to in the recording transaction, summed for reports. */
@ApplicationScoped
public class CxCounterStore {
    private static final String NO_CAUSE = "";
    static final String ADD = """
            insert into cx_daily (day, channel, need, cause_detail, touchpoints, csat_sum, csat_responses, promoters,
                passives, detractors, negative, negative_bank_caused, repeat_contacts, journeys_closed,
                journeys_resolved, journeys_fcr)
            values (:day, :channel, :need, :causeDetail, :touchpoints, :csatSum, :csatResponses, :promoters, :passives,
                :detractors, :negative, :negativeBankCaused, :repeatContacts, :journeysClosed, :journeysResolved,
                :journeysFcr)
            on conflict (day, channel, need, cause_detail) do update set
                touchpoints = cx_daily.touchpoints + excluded.touchpoints,
                csat_sum = cx_daily.csat_sum + excluded.csat_sum,
                csat_responses = cx_daily.csat_responses + excluded.csat_responses,
                promoters = cx_daily.promoters + excluded.promoters,
                passives = cx_daily.passives + excluded.passives,
                detractors = cx_daily.detractors + excluded.detractors,
                negative = cx_daily.negative + excluded.negative,
                negative_bank_caused = cx_daily.negative_bank_caused + excluded.negative_bank_caused,
                repeat_contacts = cx_daily.repeat_contacts + excluded.repeat_contacts,
                journeys_closed = cx_daily.journeys_closed + excluded.journeys_closed,
                journeys_resolved = cx_daily.journeys_resolved + excluded.journeys_resolved,
                journeys_fcr = cx_daily.journeys_fcr + excluded.journeys_fcr
            """;
    static final String SUMS = """
            select channel, need, cause_detail, sum(touchpoints)::bigint, sum(csat_sum)::bigint,
                sum(csat_responses)::bigint, sum(promoters)::bigint, sum(passives)::bigint, sum(detractors)::bigint,
                sum(negative)::bigint, sum(negative_bank_caused)::bigint, sum(repeat_contacts)::bigint,
                sum(journeys_closed)::bigint, sum(journeys_resolved)::bigint, sum(journeys_fcr)::bigint
            from cx_daily
            where day between $1 and $2 and ($3::text is null or channel = $3)
            group by channel, need, cause_detail
            """;

    private final Pool pool;

    public CxCounterStore(Pool pool) {
        this.pool = pool;
    }

    /** Adds {@code counts} to the day's row, in the caller's (the recording) transaction. */
    public Uni<Void> add(LocalDate day, Channel channel, Need need, CauseDetail causeDetail, CxCounts c) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ADD)
                .setParameter("day", day)
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
                .setParameter("journeysFcr", c.journeysFirstContactResolved())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The counters from {@code from} to {@code to} (inclusive), per channel, need and cause detail. */
    public Uni<List<CxCell>> sums(LocalDate from, LocalDate to, Channel channel) {
        return pool.preparedQuery(SUMS).execute(Tuple.of(from, to, channel == null ? null : channel.name()))
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
