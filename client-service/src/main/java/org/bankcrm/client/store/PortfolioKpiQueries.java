package org.bankcrm.client.store;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.PortfolioMonth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The analytical KPIs in SQL over client-service's own tables. The segment and quadrant filters select clients by
 * their membership and quadrant now (neither has a history here): that is what the monthly snapshots keep.
 */
@ApplicationScoped
public class PortfolioKpiQueries {

    /** Which clients a KPI counts: members of a segment, clients of a quadrant (null: any). */
    public record Filter(String segment, String quadrant) {
        public static final Filter BANK = new Filter(null, null);
    }

    /** Clients of one quadrant and strategy. */
    public record ValueCell(String quadrant, String strategy, long clients) {
    }

    /** Products held at a month's end by one segment's members. */
    public record SegmentHolding(String segment, long clientsHolding, long openProducts, long secondProductClients) {
    }

    static final String SCOPE = """
            scope as (
                select c.id from client c
                where ($3::text is null or exists (select 1 from client_segment s where s.client_id = c.id and s.segment_code = $3))
                  and ($4::text is null or c.value_quadrant = $4))
            """;

    /** A product is held at a month's end when it was opened before the next month began and not closed by then. */
    static final String MONTHS = "with months as (select m::date as month, (m + interval '1 month')::date as next"
            + " from generate_series($1::date, $2::date, interval '1 month') m),\n" + SCOPE + """
            , held as (
                select m.month, h.client_id, count(*) as n
                from months m
                join held_product h on h.opened_at < m.next and (h.closed_at is null or h.closed_at >= m.next)
                join scope on scope.id = h.client_id
                group by m.month, h.client_id),
            holding as (
                select month, count(*) as clients, sum(n) as products, count(*) filter (where n >= 2) as second
                from held group by month),
            funds as (
                select f.month, count(*) as clients, sum(f.average_balance) as total
                from monthly_financials f join scope on scope.id = f.client_id
                where f.month >= $1::date and f.month <= $2::date
                group by f.month),
            opened as (
                select date_trunc('month', h.opened_at)::date as month, count(*) as n
                from held_product h join scope on scope.id = h.client_id
                where h.opened_at >= $1::date and h.opened_at < ($2::date + interval '1 month')
                group by 1),
            closed as (
                select date_trunc('month', h.closed_at)::date as month, count(*) as n
                from held_product h join scope on scope.id = h.client_id
                where h.closed_at >= $1::date and h.closed_at < ($2::date + interval '1 month')
                group by 1)
            select m.month, coalesce(holding.clients, 0) as clients_holding, coalesce(holding.products, 0) as open_products,
                   coalesce(holding.second, 0) as second_product_clients, coalesce(funds.clients, 0) as funded_clients,
                   coalesce(funds.total, 0) as funds, coalesce(opened.n, 0) as opened, coalesce(closed.n, 0) as closed
            from months m
            left join holding using (month) left join funds using (month)
            left join opened using (month) left join closed using (month)
            order by m.month
            """;

    /** Clients of the bank now: neither erased nor gone. */
    static final String VALUE_MIX = """
            select c.value_quadrant, c.strategy, count(*) as clients
            from client c
            where c.erased_at is null and c.left_at is null
              and ($1::text is null or exists (select 1 from client_segment s where s.client_id = c.id and s.segment_code = $1))
              and ($2::text is null or c.value_quadrant = $2)
            group by c.value_quadrant, c.strategy
            order by c.value_quadrant, c.strategy
            """;

    static final String BY_SEGMENT = """
            with held as (
                select h.client_id, count(*) as n
                from held_product h join client c on c.id = h.client_id
                where h.opened_at < $1::date and (h.closed_at is null or h.closed_at >= $1::date)
                  and ($3::text is null or c.value_quadrant = $3)
                group by h.client_id)
            select s.code, count(held.client_id) as clients_holding, coalesce(sum(held.n), 0) as open_products,
                   count(*) filter (where held.n >= 2) as second_product_clients
            from segment s
            left join client_segment cs on cs.segment_code = s.code
            left join held on held.client_id = cs.client_id
            where s.active and ($2::text is null or s.code = $2)
            group by s.code
            order by s.code
            """;

    /** One row per month from {@code from} to {@code to}, in order; a month without anything has zeros. */
    public Uni<List<PortfolioMonth>> months(SqlClient sql, YearMonth from, YearMonth to, Filter filter) {
        return sql.preparedQuery(MONTHS)
                .execute(Tuple.of(from.atDay(1), to.atDay(1), filter.segment(), filter.quadrant()))
                .map(rows -> {
                    List<PortfolioMonth> months = new ArrayList<>();
                    rows.forEach(row -> months.add(month(row)));
                    return months;
                });
    }

    public Uni<List<ValueCell>> valueMix(SqlClient sql, Filter filter) {
        return sql.preparedQuery(VALUE_MIX).execute(Tuple.of(filter.segment(), filter.quadrant())).map(rows -> {
            List<ValueCell> cells = new ArrayList<>();
            rows.forEach(row -> cells.add(new ValueCell(row.getString(0), row.getString(1), row.getLong(2))));
            return cells;
        });
    }

    /** Each active segment's holdings at the end of the month (restricted to one segment or quadrant when given). */
    public Uni<List<SegmentHolding>> bySegment(SqlClient sql, YearMonth month, Filter filter) {
        return sql.preparedQuery(BY_SEGMENT)
                .execute(Tuple.of(month.plusMonths(1).atDay(1), filter.segment(), filter.quadrant()))
                .map(rows -> {
                    List<SegmentHolding> holdings = new ArrayList<>();
                    rows.forEach(row -> holdings.add(new SegmentHolding(row.getString(0), row.getLong(1), row.getLong(2),
                            row.getLong(3))));
                    return holdings;
                });
    }

    public Uni<Boolean> segmentExists(SqlClient sql, String code) {
        return sql.preparedQuery("select 1 from segment where code = $1").execute(Tuple.of(code)).map(rows -> rows.size() > 0);
    }

    /** The codes of the active segments (a snapshot keeps the figures of each). */
    public Uni<List<String>> segmentCodes(SqlClient sql) {
        return sql.query("select code from segment where active order by code").execute().map(rows -> {
            List<String> codes = new ArrayList<>();
            rows.forEach(row -> codes.add(row.getString(0)));
            return codes;
        });
    }

    static PortfolioMonth month(Row row) {
        LocalDate month = row.getLocalDate("month");
        return new PortfolioMonth(YearMonth.from(month), row.getLong("clients_holding"), row.getLong("open_products"),
                row.getLong("second_product_clients"), row.getLong("funded_clients"),
                row.getBigDecimal("funds").setScale(2), row.getLong("opened"), row.getLong("closed"));
    }
}
