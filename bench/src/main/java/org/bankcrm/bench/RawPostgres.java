package org.bankcrm.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The database's own limit, pgbench-like, on the same server: single-row INSERT transactions (autocommit, so each is
 * a commit with its WAL flush) from several connections at once, as fast as they go, into a table of the bench's own
 * database. Reported as transactions per second and per-transaction latency.
 */
final class RawPostgres {
    static final String DATABASE = "crm_bench";

    record Figures(int connections, long transactions, double transactionsPerSecond, Latencies.Summary latency) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("connections", connections);
            map.put("transactions", transactions);
            map.put("insertTransactionsPerSecond", Math.round(transactionsPerSecond));
            map.put("latency", latency.toMap());
            return map;
        }
    }

    private final StackState stack;

    RawPostgres(StackState stack) {
        this.stack = stack;
    }

    Figures measure(int connections, Duration duration) throws Exception {
        prepare();
        Latencies latencies = new Latencies();
        LongAdder transactions = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long until = System.nanoTime() + duration.toNanos();
        for (int i = 0; i < connections; i++) {
            Thread worker = new Thread(() -> {
                try (Connection connection = connect(DATABASE);
                        PreparedStatement insert = connection.prepareStatement(
                                "insert into bench_raw (client_id, amount, note) values (?, ?, ?)")) {
                    java.util.SplittableRandom random = new java.util.SplittableRandom();
                    while (System.nanoTime() < until) {
                        long began = System.nanoTime();
                        insert.setObject(1, java.util.UUID.randomUUID());
                        insert.setLong(2, random.nextLong(1_000_000));
                        insert.setString(3, "bench");
                        insert.executeUpdate();
                        latencies.recordNanos(System.nanoTime() - began);
                        transactions.increment();
                    }
                } catch (SQLException e) {
                    failures.add(e);
                }
            }, "raw-postgres-" + i);
            workers.add(worker);
        }
        long began = System.nanoTime();
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return new Figures(connections, transactions.sum(), transactions.sum() / seconds, latencies.summary());
    }

    private void prepare() throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("create database " + DATABASE);
                }
            }
        }
        try (Connection connection = connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists bench_raw (id bigserial primary key, client_id uuid not null, "
                    + "amount bigint not null, note text, created_at timestamptz not null default now())");
            statement.execute("truncate bench_raw");
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.postgresUrl(database), "postgres", "postgres");
    }
}
