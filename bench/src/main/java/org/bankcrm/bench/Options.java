package org.bankcrm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a run does, from the command line: {@code --quick} for a smoke check in under 3 minutes, otherwise the full run
 * (under 20 minutes on 2 cores); every figure below can be overridden.
 */
record Options(
        boolean quick,
        Path root,
        Path out,
        int clients,
        List<Double> chainRates,
        List<Double> decisionRates,
        Duration warmUp,
        Duration steady,
        Duration drain,
        long rawKafkaRecords,
        Duration rawPostgresDuration,
        int rawPostgresConnections,
        boolean maxThroughput,
        Duration jitWarmUp,
        long seed,
        int bulkClients,
        String replicas) {

    static final String USAGE = """
            usage: bench/run [--quick] [--clients N] [--chain-rates 50,100,...]
                             [--decision-rates 100,500,...] [--warm-up S] [--steady S] [--jit-warm-up S] [--bulk-clients N] [--replicas SPEC]
                             [--out DIR] [--seed N]
              --quick            a smoke check in under 3 minutes (the chain at 20/s over REST and Kafka, decisions at
                                 25 and 100/s, short periods, 12 clients, a short JIT warm-up: the services are barely warm)
              --bulk-clients N   last, a core system's bulk load: N new clients registered (POST /clients:batch) and 12
                                 months of financials each (POST /financials/batch, 1,000 rows a request, 2 senders),
                                 with decisions at 10/s meanwhile; 0 leaves it out [full run 1,000, quick 100]
              --replicas SPEC    processes of each service, as CRM_REPLICAS takes it: 2, or 1,loyalty-service=2 [1]; the
                                 replicas of a service share its consumer groups and database; REST load goes to
                                 replica 1 (no load balancer), Kafka load spreads over the partitions
              --jit-warm-up S    mixed load (REST, Kafka ingest, decisions) for S seconds before the measurements, so
                                 that the services' JIT has compiled the hot paths [full run 90, quick 15]
            The bench starts its own CRM with the launcher's code on free ports (files under the run's directory),
            loads the demo bank, measures, writes bench.json, RESULTS.md and latency.png, and stops the CRM.
            """;

    static Options parse(String[] args, Path root) {
        boolean quick = Arrays.asList(args).contains("--quick");
        Options o = quick
                ? new Options(true, root, root.resolve("bench/results"), 12, List.of(20.0),
                        List.of(25.0, 100.0), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
                        15_000, Duration.ofSeconds(3), 8, false, Duration.ofSeconds(15), 42, 100, "1")
                : new Options(false, root, root.resolve("bench/results"), 100, List.of(10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1_000.0),
                        List.of(25.0, 50.0, 100.0, 250.0, 500.0, 1_000.0, 2_000.0), Duration.ofSeconds(5), Duration.ofSeconds(20),
                        Duration.ofSeconds(15), 200_000, Duration.ofSeconds(15), 8, true, Duration.ofSeconds(90), 42, 1_000, "1");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> {
                }
                case "--clients" -> o = o.withClients(Integer.parseInt(value(args, ++i, arg)));
                case "--chain-rates" -> o = o.withChainRates(rates(value(args, ++i, arg)));
                case "--decision-rates" -> o = o.withDecisionRates(rates(value(args, ++i, arg)));
                case "--warm-up" -> o = o.withPeriods(Duration.ofSeconds(Long.parseLong(value(args, ++i, arg))), o.steady);
                case "--steady" -> o = o.withPeriods(o.warmUp, Duration.ofSeconds(Long.parseLong(value(args, ++i, arg))));
                case "--out" -> o = o.withOut(Path.of(value(args, ++i, arg)));
                case "--seed" -> o = o.withSeed(Long.parseLong(value(args, ++i, arg)));
                case "--bulk-clients" -> o = o.withBulkClients(Integer.parseInt(value(args, ++i, arg)));
                case "--replicas" -> o = o.withReplicas(value(args, ++i, arg));
                case "--jit-warm-up" -> o = o.withJitWarmUp(Duration.ofSeconds(Long.parseLong(value(args, ++i, arg))));
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        return o;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    static List<Double> rates(String list) {
        List<Double> rates = Arrays.stream(list.split(",")).map(String::trim).map(Double::parseDouble).toList();
        if (rates.isEmpty() || rates.stream().anyMatch(r -> !(r > 0))) {
            throw new IllegalArgumentException("rates must be positive numbers: " + list);
        }
        return rates;
    }

    Options withClients(int n) {
        return new Options(quick, root, out, n, chainRates, decisionRates, warmUp, steady, drain, rawKafkaRecords,
                rawPostgresDuration, rawPostgresConnections, maxThroughput, jitWarmUp, seed, bulkClients, replicas);
    }

    Options withChainRates(List<Double> r) {
        return new Options(quick, root, out, clients, r, decisionRates, warmUp, steady, drain, rawKafkaRecords,
                rawPostgresDuration, rawPostgresConnections, maxThroughput, jitWarmUp, seed, bulkClients, replicas);
    }

    Options withDecisionRates(List<Double> r) {
        return new Options(quick, root, out, clients, chainRates, r, warmUp, steady, drain, rawKafkaRecords,
                rawPostgresDuration, rawPostgresConnections, maxThroughput, jitWarmUp, seed, bulkClients, replicas);
    }

    Options withPeriods(Duration w, Duration s) {
        return new Options(quick, root, out, clients, chainRates, decisionRates, w, s, drain, rawKafkaRecords,
                rawPostgresDuration, rawPostgresConnections, maxThroughput, jitWarmUp, seed, bulkClients, replicas);
    }

    Options withOut(Path o) {
        return new Options(quick, root, o, clients, chainRates, decisionRates, warmUp, steady, drain, rawKafkaRecords,
                rawPostgresDuration, rawPostgresConnections, maxThroughput, jitWarmUp, seed, bulkClients, replicas);
    }

    Options withJitWarmUp(Duration d) {
        return new Options(quick, root, out, clients, chainRates, decisionRates, warmUp, steady, drain, rawKafkaRecords,
                rawPostgresDuration, rawPostgresConnections, maxThroughput, d, seed, bulkClients, replicas);
    }

    Options withBulkClients(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("--bulk-clients must be 0 (no bulk load) or more");
        }
        return new Options(quick, root, out, clients, chainRates, decisionRates, warmUp, steady, drain, rawKafkaRecords,
                rawPostgresDuration, rawPostgresConnections, maxThroughput, jitWarmUp, seed, n, replicas);
    }

    Options withReplicas(String spec) {
        return new Options(quick, root, out, clients, chainRates, decisionRates, warmUp, steady, drain, rawKafkaRecords,
                rawPostgresDuration, rawPostgresConnections, maxThroughput, jitWarmUp, seed, bulkClients, spec);
    }

    Options withSeed(long s) {
        return new Options(quick, root, out, clients, chainRates, decisionRates, warmUp, steady, drain, rawKafkaRecords,
                rawPostgresDuration, rawPostgresConnections, maxThroughput, jitWarmUp, s, bulkClients, replicas);
    }
}
