package org.bankcrm.offer.store;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.OfferMonth;
import org.bankcrm.offer.domain.OfferMonth.ChannelActivity;
import org.bankcrm.offer.domain.OfferMonth.Counts;
import org.bankcrm.offer.domain.OfferMonth.Recovery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * offer-service's KPIs in SQL over its own tables: {@code decision} (trigger, channel, control group, the ranked actions
 * and the read-model snapshot each rested on) and {@code offer_response}. A month is a calendar month in UTC; the
 * channel filter selects decisions and answers made on that channel.
 */
@ApplicationScoped
public class OfferKpiQueries {

    /**
     * Answers to one offer over the range; of them, those to decisions ranked with the client's models (profiled):
     * model-ranked ({@code treated}) and of the control group.
     */
    public record OfferAcceptance(String offerCode, String category, long responses, long accepted, Counts treated,
            Counts control) {
        public OfferAcceptance {
            // a snapshot written before the split was kept reads as none on either side
            treated = treated == null ? new Counts(0, 0) : treated;
            control = control == null ? new Counts(0, 0) : control;
        }
    }

    static final String ACTIVITY = """
            with decided as (
                select date_trunc('month', d.decided_at)::date as month, d.channel, count(*) as decisions,
                       count(*) filter (where d.trigger_type = 'REQUEST') as requests,
                       coalesce(sum(jsonb_array_length(d.actions_json::jsonb)) filter (where d.trigger_type = 'REQUEST'), 0) as presented
                from decision d
                where d.decided_at >= $1::date and d.decided_at < ($2::date + interval '1 month') and ($3::text is null or d.channel = $3)
                group by 1, 2),
            answered as (
                select date_trunc('month', r.responded_at)::date as month, r.channel, count(*) as responses,
                       count(*) filter (where r.outcome = 'ACCEPTED') as accepted
                from offer_response r
                where r.responded_at >= $1::date and r.responded_at < ($2::date + interval '1 month') and ($3::text is null or r.channel = $3)
                group by 1, 2)
            select month, channel, coalesce(decided.decisions, 0) as decisions, coalesce(decided.requests, 0) as requests,
                   coalesce(decided.presented, 0) as presented, coalesce(answered.responses, 0) as responses,
                   coalesce(answered.accepted, 0) as accepted
            from decided full join answered using (month, channel)
            order by month, channel
            """;

    /** Answers to decisions ranked with the client's models (profiled), per month and side. */
    static final String SIDES = """
            select date_trunc('month', r.responded_at)::date as month, r.control_group, count(*) as responses,
                   count(*) filter (where r.outcome = 'ACCEPTED') as accepted
            from offer_response r
            where r.profiled and r.responded_at >= $1::date and r.responded_at < ($2::date + interval '1 month')
              and ($3::text is null or r.channel = $3)
            group by 1, 2
            """;

    /**
     * Bank-caused negatives: each distinct (client, time) a decision's read-model snapshot recorded as the client's
     * latest (every touchpoint triggers a decision, so each negative is seen by the one it triggered); recovered when a
     * service-recovery action was handed to a channel (a request's ranking) or answered within the window after it.
     */
    static final String RECOVERY = """
            with negatives as (
                select distinct d.client_id, (d.inputs_json::jsonb -> 'client' ->> 'lastNegativeBankCausedAt')::timestamptz as at
                from decision d
                where d.trigger_type = 'INTERACTION' and d.client_id is not null and d.inputs_json is not null
                  and d.decided_at >= $1::date
                  and d.inputs_json::jsonb -> 'client' ->> 'lastNegativeBankCausedAt' is not null),
            followed as (
                select n.at,
                       exists (select 1 from decision r where r.client_id = n.client_id and r.trigger_type = 'REQUEST'
                                 and r.decided_at >= n.at and r.decided_at < n.at + $3::bigint * interval '1 second'
                                 and r.actions_json::jsonb @> '[{"category": "SERVICE_RECOVERY"}]')
                       or exists (select 1 from offer_response o where o.client_id = n.client_id and o.category = 'SERVICE_RECOVERY'
                                    and o.responded_at >= n.at and o.responded_at < n.at + $3::bigint * interval '1 second') as offered,
                       exists (select 1 from offer_response o where o.client_id = n.client_id and o.category = 'SERVICE_RECOVERY'
                                 and o.outcome = 'ACCEPTED' and o.responded_at >= n.at and o.responded_at < n.at + $3::bigint * interval '1 second') as accepted
                from negatives n
                where n.at >= $1::date and n.at < ($2::date + interval '1 month'))
            select date_trunc('month', at)::date as month, count(*) as negatives, count(*) filter (where offered) as offered,
                   count(*) filter (where accepted) as accepted
            from followed group by 1
            """;

    static final String BY_OFFER = """
            select coalesce(o.code, r.offer_id::text) as code, r.category, count(*) as responses,
                   count(*) filter (where r.outcome = 'ACCEPTED') as accepted,
                   count(*) filter (where r.profiled and not r.control_group) as treated_responses,
                   count(*) filter (where r.profiled and not r.control_group and r.outcome = 'ACCEPTED') as treated_accepted,
                   count(*) filter (where r.profiled and r.control_group) as control_responses,
                   count(*) filter (where r.profiled and r.control_group and r.outcome = 'ACCEPTED') as control_accepted
            from offer_response r left join offer o on o.id = r.offer_id
            where r.responded_at >= $1::date and r.responded_at < ($2::date + interval '1 month') and ($3::text is null or r.channel = $3)
            group by 1, 2 order by 2, 1
            """;

    /** The months from {@code from} to {@code to}, in order; a month without anything has zeros. */
    public Uni<List<OfferMonth>> months(SqlClient sql, YearMonth from, YearMonth to, String channel, Duration recoveryWindow) {
        Tuple range = Tuple.of(from.atDay(1), to.atDay(1), channel);
        Map<YearMonth, List<ChannelActivity>> activity = new HashMap<>();
        Map<YearMonth, Counts> treated = new HashMap<>();
        Map<YearMonth, Counts> control = new HashMap<>();
        Map<YearMonth, Recovery> recovery = new HashMap<>();
        return sql.preparedQuery(ACTIVITY).execute(range).invoke(rows -> rows.forEach(row -> activity
                .computeIfAbsent(month(row), m -> new ArrayList<>())
                .add(new ChannelActivity(row.getString("channel"), row.getLong("decisions"), row.getLong("requests"),
                        row.getLong("presented"), row.getLong("responses"), row.getLong("accepted")))))
                .chain(() -> sql.preparedQuery(SIDES).execute(range))
                .invoke(rows -> rows.forEach(row -> (row.getBoolean("control_group") ? control : treated)
                        .put(month(row), new Counts(row.getLong("responses"), row.getLong("accepted")))))
                .chain(() -> sql.preparedQuery(RECOVERY).execute(Tuple.of(from.atDay(1), to.atDay(1),
                        recoveryWindow.toSeconds())))
                .map(rows -> {
                    rows.forEach(row -> recovery.put(month(row), new Recovery(row.getLong("negatives"), row.getLong("offered"),
                            row.getLong("accepted"))));
                    List<OfferMonth> months = new ArrayList<>();
                    Counts none = new Counts(0, 0);
                    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                        months.add(new OfferMonth(m, activity.getOrDefault(m, List.of()), treated.getOrDefault(m, none),
                                control.getOrDefault(m, none), recovery.getOrDefault(m, new Recovery(0, 0, 0))));
                    }
                    return months;
                });
    }

    /** Answers per offer (and its category) over the range, with the model-ranked and control-group ones. */
    public Uni<List<OfferAcceptance>> byOffer(SqlClient sql, YearMonth from, YearMonth to, String channel) {
        return sql.preparedQuery(BY_OFFER).execute(Tuple.of(from.atDay(1), to.atDay(1), channel)).map(rows -> {
            List<OfferAcceptance> offers = new ArrayList<>();
            rows.forEach(row -> offers.add(new OfferAcceptance(row.getString("code"), row.getString("category"),
                    row.getLong("responses"), row.getLong("accepted"),
                    new Counts(row.getLong("treated_responses"), row.getLong("treated_accepted")),
                    new Counts(row.getLong("control_responses"), row.getLong("control_accepted")))));
            return offers;
        });
    }

    private static YearMonth month(Row row) {
        return YearMonth.from(row.getLocalDate("month"));
    }
}
