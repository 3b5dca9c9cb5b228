package org.bankcrm.client.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.MonthlyFinancials;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Monthly financials read and written many at a time, as {@link ClientRows} does for clients: arrays bound as one
 * parameter each, on a connection inside the caller's transaction.
 */
@ApplicationScoped
public class FinancialsRows {
    static final String MONTHS_HELD = """
            select client_id, month from monthly_financials
            where client_id = any($1::uuid[]) and month = any($2::date[])
            """;

    static final String UPSERT = """
            insert into monthly_financials (client_id, month, revenue, cost_to_serve, average_balance, transaction_count,
                transaction_amount, recorded_at)
            select u.client::uuid, u.month::date, u.revenue::numeric, u.cost::numeric, u.balance::numeric, u.count::integer,
                u.amount::numeric, $1
            from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                 as u(client, month, revenue, cost, balance, count, amount)
            on conflict (client_id, month) do update set revenue = excluded.revenue, cost_to_serve = excluded.cost_to_serve,
                average_balance = excluded.average_balance, transaction_count = excluded.transaction_count,
                transaction_amount = excluded.transaction_amount, recorded_at = excluded.recorded_at
            """;

    /** Which of {@code months} each of {@code clientIds} has figures for already. */
    public Uni<Set<MonthlyFinancials.Key>> held(SqlConnection connection, Collection<UUID> clientIds, Collection<LocalDate> months) {
        return connection.preparedQuery(MONTHS_HELD)
                .execute(Tuple.of(clientIds.toArray(UUID[]::new), months.toArray(LocalDate[]::new)))
                .map(rows -> {
                    Set<MonthlyFinancials.Key> held = new HashSet<>();
                    for (Row row : rows) {
                        held.add(new MonthlyFinancials.Key(row.getUUID(0), row.getLocalDate(1)));
                    }
                    return held;
                });
    }

    /**
     * Stores each month, a month already held replaced, in one statement; at most one entry per (client, month), which
     * PostgreSQL requires of one upsert.
     */
    public Uni<Void> upsert(SqlConnection connection, List<MonthlyFinancials> months, Instant recordedAt) {
        if (months.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = months.size();
        String[][] columns = new String[7][n];
        for (int i = 0; i < n; i++) {
            MonthlyFinancials f = months.get(i);
            columns[0][i] = f.clientId.toString();
            columns[1][i] = f.month.toString();
            columns[2][i] = f.revenue.toPlainString();
            columns[3][i] = f.costToServe.toPlainString();
            columns[4][i] = f.averageBalance.toPlainString();
            columns[5][i] = Integer.toString(f.transactionCount);
            columns[6][i] = f.transactionAmount.toPlainString();
        }
        return connection.preparedQuery(UPSERT)
                .execute(Tuple.tuple(List.of(recordedAt.atOffset(ZoneOffset.UTC), columns[0], columns[1], columns[2],
                        columns[3], columns[4], columns[5], columns[6])))
                .replaceWithVoid();
    }
}
