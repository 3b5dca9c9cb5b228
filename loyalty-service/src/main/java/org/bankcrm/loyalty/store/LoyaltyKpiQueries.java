package org.bankcrm.loyalty.store;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ChurnMonth;
import org.bankcrm.loyalty.domain.LoyaltyMonth.Movement;
import org.bankcrm.loyalty.domain.LoyaltyMonth.StateCell;
import org.bankcrm.loyalty.domain.LoyaltyType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The loyalty KPIs in SQL over loyalty-service's own tables: a client's state at an instant is their newest
 * {@code score_change} before it; a client is gone from a departure ({@code client_left.left_at}) until their return.
 * The quadrant and segment filters select clients by their quadrant and segment membership now (the read model keeps
 * no history of either).
 */
@ApplicationScoped
public class LoyaltyKpiQueries {

    /** The months' state and movement cells, and each month's churn. */
    public record MonthCells(Map<YearMonth, List<StateCell>> state, Map<YearMonth, List<Movement>> movements,
            Map<YearMonth, ChurnMonth> churn) {
    }

    static final String MONTHS = """
            with months as (select m::date as month, (m + interval '1 month')::date as next
                            from generate_series($1::date, $2::date, interval '1 month') m),
            scope as (select client_id, value_quadrant from client_profile
                      where ($3::text is null or value_quadrant = $3) and ($4::text is null or strpos(segments, ',' || $4 || ',') > 0))
            """;

    /** Whether client {@code c} is gone at the instant given: left before it and not come back by then. */
    static final String GONE = " exists (select 1 from client_left g where g.client_id = c.client_id and g.left_at < %1$s"
            + " and (g.returned_at is null or g.returned_at >= %1$s))\n";

    /** Each month's end state (from the month before {@code $1}'s on, for the movements); band null without a risk. */
    static final String STATE = MONTHS + """
            , state as (
                select m.month, c.client_id, c.value_quadrant, s.loyalty_type, s.churn_risk
                from months m cross join scope c
                join lateral (select sc.loyalty_type, sc.churn_risk from score_change sc
                              where sc.client_id = c.client_id and sc.changed_at < m.next
                              order by sc.changed_at desc, sc.id desc limit 1) s on true
                where not """ + GONE.formatted("m.next") + """
            )
            select 'state' as kind, month, value_quadrant as a, loyalty_type as b,
                   case when churn_risk is not null then least(9, floor(churn_risk * 10))::int end as band, count(*) as clients
            from state where month > $1::date group by 2, 3, 4, 5
            union all
            select 'move', cur.month, prev.loyalty_type, cur.loyalty_type, null, count(*)
            from state cur join state prev on prev.client_id = cur.client_id and prev.month = (cur.month - interval '1 month')::date
            group by 2, 3, 4
            """;

    /** Per month: the clients at risk at its start and who of them left in it; every departure and the risk held before. */
    static final String CHURN = MONTHS + """
            , population as (
                select m.month, m.next, s.churn_risk, l.left_at
                from months m cross join scope c
                join lateral (select sc.churn_risk from score_change sc
                              where sc.client_id = c.client_id and sc.changed_at < m.month
                              order by sc.changed_at desc, sc.id desc limit 1) s on s.churn_risk is not null
                left join client_left l on l.client_id = c.client_id
                where not """ + GONE.formatted("m.month") + """
            ),
            at_risk as (
                select month, count(*) as clients, sum(churn_risk) as risk,
                       count(*) filter (where left_at >= month and left_at < next) as leavers
                from population group by month),
            departures as (
                select date_trunc('month', l.left_at)::date as month, count(*) as n, count(s.churn_risk) as scored,
                       coalesce(sum(s.churn_risk), 0) as risk
                from client_left l join scope c on c.client_id = l.client_id
                left join lateral (select sc.churn_risk from score_change sc
                                   where sc.client_id = l.client_id and sc.changed_at <= l.left_at
                                   order by sc.changed_at desc, sc.id desc limit 1) s on true
                where l.left_at >= $1::date and l.left_at < ($2::date + interval '1 month')
                group by 1)
            select m.month, coalesce(a.clients, 0) as at_risk, coalesce(a.risk, 0) as risk, coalesce(a.leavers, 0) as leavers,
                   coalesce(d.n, 0) as departures, coalesce(d.scored, 0) as departures_scored,
                   coalesce(d.risk, 0) as departures_risk
            from months m left join at_risk a using (month) left join departures d using (month)
            order by m.month
            """;

    /** The cells of the months from {@code from} to {@code to}, for the clients of the quadrant and segment (null: all). */
    public Uni<MonthCells> months(SqlClient sql, YearMonth from, YearMonth to, String quadrant, String segment) {
        Map<YearMonth, List<StateCell>> state = new HashMap<>();
        Map<YearMonth, List<Movement>> movements = new HashMap<>();
        Map<YearMonth, ChurnMonth> churn = new HashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            state.put(m, new ArrayList<>());
            movements.put(m, new ArrayList<>());
        }
        return sql.preparedQuery(STATE).execute(Tuple.of(from.minusMonths(1).atDay(1), to.atDay(1), quadrant, segment))
                .invoke(rows -> rows.forEach(row -> {
                    YearMonth month = month(row);
                    if ("state".equals(row.getString("kind"))) {
                        state.get(month).add(new StateCell(row.getString("a"), LoyaltyType.valueOf(row.getString("b")),
                                row.getInteger("band"), row.getLong("clients")));
                    } else {
                        movements.get(month).add(new Movement(LoyaltyType.valueOf(row.getString("a")),
                                LoyaltyType.valueOf(row.getString("b")), row.getLong("clients")));
                    }
                }))
                .chain(() -> sql.preparedQuery(CHURN).execute(Tuple.of(from.atDay(1), to.atDay(1), quadrant, segment)))
                .map(rows -> {
                    rows.forEach(row -> churn.put(month(row), new ChurnMonth(month(row), row.getLong("at_risk"),
                            row.getDouble("risk"), row.getLong("leavers"), row.getLong("departures"),
                            row.getLong("departures_scored"), row.getDouble("departures_risk"))));
                    return new MonthCells(state, movements, churn);
                });
    }

    private static YearMonth month(Row row) {
        LocalDate month = row.getLocalDate("month");
        return YearMonth.from(month);
    }
}
