package org.bankcrm.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which statements each service's database ran, from PostgreSQL's {@code pg_stat_statements} (the launcher's server
 * preloads it): read before and after a chain step, the difference per touchpoint says how many round trips one
 * touchpoint costs each service and which statements they are - where a service's time on the database goes, whatever
 * the machine's CPU.
 */
final class StatementCounters {
    /** How many of a service's statements the report lists, most called first. */
    static final int TOP = 8;

    /** A statement as PostgreSQL normalises it ({@code $1} for constants), in one service's database. */
    record Key(String service, String statement) {
    }

    private final StackState stack;

    StatementCounters(StackState stack) {
        this.stack = stack;
    }

    /** Calls so far of every statement of the services' databases; empty when the extension cannot be read. */
    Map<Key, Long> read() {
        Map<String, String> serviceOf = new HashMap<>();
        DatabaseCounters.DATABASES.forEach((service, database) -> serviceOf.put(database, service));
        Map<Key, Long> calls = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(stack.postgresUrl("postgres"), "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            try (ResultSet rows = statement.executeQuery("select d.datname, s.query, s.calls from pg_stat_statements s "
                    + "join pg_database d on d.oid = s.dbid")) {
                while (rows.next()) {
                    String service = serviceOf.get(rows.getString(1));
                    if (service != null) {
                        calls.merge(new Key(service, normalise(rows.getString(2))), rows.getLong(3), Long::sum);
                    }
                }
            }
        } catch (SQLException e) {
            Bench.say("  pg_stat_statements not readable: " + e.getMessage());
        }
        return calls;
    }

    /** One line, whitespace collapsed, at most 160 characters: enough to recognise the statement in the code. */
    static String normalise(String statement) {
        String line = statement.replaceAll("\\s+", " ").trim();
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    /**
     * Per service: statements per touchpoint in all, and the {@link #TOP} most called with their calls per touchpoint
     * (transaction control - begin, commit - included: each is a round trip).
     */
    static Map<String, Object> perTouchpoint(Map<Key, Long> before, Map<Key, Long> after, long touchpoints) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (touchpoints <= 0 || after.isEmpty()) {
            return out;
        }
        for (String service : StackState.SERVICES) {
            List<Map.Entry<String, Long>> ran = new ArrayList<>();
            long total = 0;
            for (Map.Entry<Key, Long> e : after.entrySet()) {
                if (!e.getKey().service().equals(service)) {
                    continue;
                }
                long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                if (delta > 0) {
                    ran.add(Map.entry(e.getKey().statement(), delta));
                    total += delta;
                }
            }
            ran.sort(Map.Entry.<String, Long> comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
            List<Map<String, Object>> top = new ArrayList<>();
            for (Map.Entry<String, Long> e : ran.subList(0, Math.min(TOP, ran.size()))) {
                top.add(Map.of("statement", e.getKey(), "calls", round2(e.getValue() / (double) touchpoints)));
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("statements", round2(total / (double) touchpoints));
            figures.put("top", top);
            out.put(service, figures);
        }
        return out;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
