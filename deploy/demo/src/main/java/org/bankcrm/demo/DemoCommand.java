package org.bankcrm.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code crm demo ...}: load the demo bank, print its proportions, stream live touchpoints, replay the UCI
 * bank-marketing calls, or print the summary. The launcher (deploy/local) calls {@link #run}; {@code main}
 * runs the same against a CRM started some other way.
 */
public final class DemoCommand {
    public static final int DEFAULT_CLIENTS = 20_000;
    public static final long DEFAULT_SEED = 42;

    private DemoCommand() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("crm.root", ".")).toAbsolutePath().normalize();
        System.exit(run(args, root, System.getenv(), System.out));
    }

    public static String usage() {
        return String.join("\n",
                "Usage: deploy/local/crm demo <mode> [options]   (the CRM must be running: crm up)",
                "  --load                      load the demo bank: --clients N [" + DEFAULT_CLIENTS + "], --seed S [" + DEFAULT_SEED + "],",
                "                              --workers W [4]; ends with a summary read back from the services",
                "  --summary                   print that summary for what is in the CRM now",
                "  --stats                     print the proportions of the bank --clients/--seed would generate (loads nothing)",
                "  --rate R                    stream live touchpoints at R per second to the clients in the CRM, printing how",
                "                              the scores and next best actions of a few watched clients move;",
                "                              --duration 60s|5m [until Ctrl-C], --watch N [5]",
                "  --replay-bank-marketing     replay the UCI bank-marketing calls (term deposit) as clients, decisions and",
                "                              answers, and print what the offer model learnt; --rows N|all [2000], --file CSV",
                "  --replay-churn              replay the Churn Modelling clients, learn churn from the first 70 %, measure the rest",
                "                              (AUC, Brier, deciles; needs a short CRM_LOYALTY_CHURN_HORIZON); --rows N|all, --file CSV",
                "Environment: CRM_HOST [localhost], CRM_KAFKA_PORT [19092], CRM_TOKEN (the bearer token; crm demo sets one).");
    }

    /** Runs one demo command; the exit code: 0 done, 1 failed, 2 bad usage. */
    public static int run(String[] args, Path root, Map<String, String> env, PrintStream out) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("crm demo: " + e.getMessage());
            out.println(usage());
            return 2;
        }
        String host = env.getOrDefault("CRM_HOST", "localhost");
        if (env.get("CRM_TOKEN") != null) {
            CrmApi.authorize(env.get("CRM_TOKEN")); // the services need a bearer token; the launcher passes one
        }
        String bootstrap = "127.0.0.1:" + env.getOrDefault("CRM_KAFKA_PORT", "19092");
        try {
            switch (a.mode) {
                case "--load" -> {
                    load(new DemoLoader.Options(a.clients, a.seed, a.workers, host, bootstrap), out);
                    return 0;
                }
                case "--summary" -> {
                    new DemoSummary(new CrmApi(host), out).print(null);
                    return 0;
                }
                case "--stats" -> {
                    PopulationGenerator generator = new PopulationGenerator(a.seed, Instant.now());
                    PopulationStats.of(generator.generate(a.clients), generator.badWeeks()).print(out);
                    return 0;
                }
                case "--rate" -> {
                    LiveStream stream = new LiveStream(new LiveStream.Options(a.rate, a.duration, a.watch, a.seed,
                            Math.max(a.workers, 4), host, bootstrap), out);
                    Thread main = Thread.currentThread();
                    Thread hook = new Thread(() -> {
                        stream.stop();
                        try {
                            main.join(15_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "crm-demo-stop");
                    Runtime.getRuntime().addShutdownHook(hook);
                    try {
                        stream.run();
                    } finally {
                        try {
                            Runtime.getRuntime().removeShutdownHook(hook);
                        } catch (IllegalStateException e) {
                            // Ctrl-C: the JVM is shutting down and the hook is running
                        }
                    }
                    return 0;
                }
                case "--replay-churn" -> {
                    new ChurnReplay(new ChurnReplay.Options(a.file == null ? null : Path.of(a.file), a.churnRows(),
                            Math.max(a.workers, 8), host), out).run(root);
                    return 0;
                }
                case "--replay-bank-marketing" -> {
                    new BankMarketingReplay(new BankMarketingReplay.Options(a.file == null ? null : Path.of(a.file), a.rows,
                            a.workers, host), out).run(root);
                    return 0;
                }
                default -> {
                    out.println(usage());
                    return a.mode.equals("--help") ? 0 : 2;
                }
            }
        } catch (CrmApi.CallFailed e) {
            out.println("crm demo: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println("crm demo: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Loads the bank and prints the summary; what {@code crm up} runs on the first start. */
    public static DemoLoader.Loaded load(DemoLoader.Options options, PrintStream out) throws InterruptedException {
        DemoLoader.Loaded loaded = new DemoLoader(options, out).load();
        CrmApi api = new CrmApi(options.host());
        DemoSummary summary = new DemoSummary(api, out);
        out.println("Waiting for the loyalty scores to catch up with the events...");
        summary.awaitScores(DemoLoader.clientCount(api), 120);
        summary.print(loaded);
        return loaded;
    }

    static final class Args {
        String mode = "--help";
        int clients = DEFAULT_CLIENTS;
        long seed = DEFAULT_SEED;
        int workers = 4;
        double rate;
        Duration duration;
        int watch = 5;
        int rows = 2_000;
        boolean rowsGiven;
        String file;

        /** --replay-churn takes every row unless --rows says otherwise. */
        int churnRows() {
            return rowsGiven ? rows : 0;
        }

        static Args parse(String[] args) {
            Args a = new Args();
            List<String> modes = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--load", "--summary", "--stats", "--replay-bank-marketing", "--replay-churn", "--help", "-h" -> modes.add(arg.equals("-h") ? "--help" : arg);
                    case "--rate" -> {
                        modes.add(arg);
                        a.rate = positive(arg, value(args, ++i, arg));
                    }
                    case "--clients" -> a.clients = (int) positive(arg, value(args, ++i, arg));
                    case "--seed" -> a.seed = Long.parseLong(value(args, ++i, arg));
                    case "--workers" -> a.workers = (int) positive(arg, value(args, ++i, arg));
                    case "--watch" -> a.watch = (int) positive(arg, value(args, ++i, arg));
                    case "--duration" -> a.duration = duration(value(args, ++i, arg));
                    case "--rows" -> {
                        String v = value(args, ++i, arg);
                        a.rows = v.equals("all") ? 0 : (int) positive(arg, v);
                        a.rowsGiven = true;
                    }
                    case "--file" -> a.file = value(args, ++i, arg);
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            if (modes.size() > 1) {
                throw new IllegalArgumentException("one mode at a time, not " + String.join(" and ", modes));
            }
            if (!modes.isEmpty()) {
                a.mode = modes.get(0);
            }
            return a;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static double positive(String option, String value) {
            try {
                double v = Double.parseDouble(value);
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a positive number, not '" + value + "'");
        }

        /** 90, 90s, 5m, 1h. */
        static Duration duration(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.endsWith("h")) {
                    return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
                } else if (v.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
                } else if (v.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
                }
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--duration must be like 90s, 5m or 1h, not '" + value + "'");
            }
        }
    }
}
