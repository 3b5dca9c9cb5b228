package org.bankcrm.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each service's database did, from PostgreSQL's own counters ({@code pg_stat_database}): transactions committed and
 * rolled back, rows written. Read before and after a chain phase, the difference per touchpoint says how many
 * transactions and row writes one touchpoint costs each service, whatever the CPU of the machine.
 */
final class DatabaseCounters {
    /** The services' databases, as the launcher names them. */
    static final Map<String, String> DATABASES = Map.of("client-service", "client", "interaction-service", "interaction",
            "loyalty-service", "loyalty", "offer-service", "offer");

    record Counts(long commits, long rollbacks, long rowsWritten) {
        Counts minus(Counts before) {
            return new Counts(commits - before.commits, rollbacks - before.rollbacks, rowsWritten - before.rowsWritten);
        }
    }

    private final StackState stack;

    DatabaseCounters(StackState stack) {
        this.stack = stack;
    }

    /** Each service's counters now (as far as the backends have reported them: up to 10 s after they went idle). */
    Map<String, Counts> read() {
        Map<String, Counts> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(stack.postgresUrl("postgres"), "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select datname, xact_commit, xact_rollback, "
                        + "tup_inserted + tup_updated + tup_deleted from pg_stat_database")) {
            Map<String, Counts> byDatabase = new LinkedHashMap<>();
            while (rows.next()) {
                byDatabase.put(rows.getString(1), new Counts(rows.getLong(2), rows.getLong(3), rows.getLong(4)));
            }
            for (String service : StackState.SERVICES) {
                Counts c = byDatabase.get(DATABASES.get(service));
                if (c != null) {
                    counts.put(service, c);
                }
            }
        } catch (SQLException e) {
            Bench.say("  pg_stat_database not readable: " + e.getMessage());
        }
        return counts;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Per service, transactions (committed + rolled back) and rows written per touchpoint between two readings. */
    static Map<String, Object> perTouchpoint(Map<String, Counts> before, Map<String, Counts> after, long touchpoints) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (touchpoints <= 0) {
            return out;
        }
        double transactions = 0;
        double rows = 0;
        for (String service : StackState.SERVICES) {
            Counts b = before.get(service);
            Counts a = after.get(service);
            if (a == null || b == null) {
                continue;
            }
            Counts d = a.minus(b);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("transactions", round2((d.commits() + d.rollbacks()) / (double) touchpoints));
            figures.put("rollbacks", round2(d.rollbacks() / (double) touchpoints));
            figures.put("rowsWritten", round2(d.rowsWritten() / (double) touchpoints));
            out.put(service, figures);
            transactions += d.commits() + d.rollbacks();
            rows += d.rowsWritten();
        }
        out.put("all", Map.of("transactions", round2(transactions / touchpoints), "rowsWritten",
                round2(rows / touchpoints)));
        return out;
    }
}
