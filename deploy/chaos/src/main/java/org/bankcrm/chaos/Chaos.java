package org.bankcrm.chaos;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.bankcrm.demo.CrmApi;
import org.bankcrm.demo.DemoLoader;
import org.bankcrm.demo.DemoSummary;
import org.bankcrm.launcher.Stack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code crm chaos}: the first fault scenario of issue 21. Starts its own CRM on free ports with {@code --replicas}
 * processes of each service, loads a small bank, drives touchpoints over REST at {@code --rate} per second, kills -9 one
 * replica of each service in turn (started again after {@code --down} seconds), stops the load, waits until every
 * consumer group has caught up and every outbox is published, and reconciles from the databases. Prints the report;
 * exit 0 when nothing was lost or applied twice, 1 otherwise. {@code --check-replicas} only starts the stack and checks
 * that the replicas of each service came up healthy in one consumer group.
 */
public final class Chaos {
    private static final String[] ROLES = { "channel", "integration", "marketing", "analyst" };
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);

    record Options(double rate, int clients, int replicas, int downSeconds, int settleSeconds, int warmSeconds,
            boolean checkReplicasOnly, boolean outage) {
        static Options parse(String[] args) {
            double rate = 20;
            int clients = 40;
            int replicas = 2;
            Integer down = null;
            int settle = 20;
            int warm = 20;
            boolean check = false;
            boolean outage = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rate" -> rate = Double.parseDouble(value(args, ++i, "--rate"));
                    case "--clients" -> clients = Integer.parseInt(value(args, ++i, "--clients"));
                    case "--replicas" -> replicas = Integer.parseInt(value(args, ++i, "--replicas"));
                    case "--down" -> down = Integer.parseInt(value(args, ++i, "--down"));
                    case "--settle" -> settle = Integer.parseInt(value(args, ++i, "--settle"));
                    case "--warm" -> warm = Integer.parseInt(value(args, ++i, "--warm"));
                    case "--check-replicas" -> check = true;
                    case "--outage" -> outage = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see crm chaos --help)");
                }
            }
            // the issue's times: a replica is back after 10 s, a whole service after 20 s
            down = down != null ? down : outage ? 20 : 10;
            if (rate <= 0 || rate > 500 || clients < 1 || replicas < 1 || replicas > 9 || down < 0 || settle < 0 || warm < 0) {
                throw new IllegalArgumentException("out of range: --rate 0-500, --clients >= 1, --replicas 1-9, seconds >= 0");
            }
            if (!check && !outage && replicas < 2) {
                throw new IllegalArgumentException("the kill scenario needs --replicas 2 or more (one replica keeps serving)");
            }
            return new Options(rate, clients, replicas, down, settle, warm, check, outage);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }

    /** One kill: which replica, how long until it was ready again, the group's lag at its highest and how long to drain. */
    record Fault(String component, long pid, double readyAfterKillSeconds, long peakLag, double drainedAfterStartSeconds) {
    }

    private final Options options;
    private final Path root;
    private final PrintStream out;
    private final Map<String, Long> peakLag = new ConcurrentHashMap<>();
    private volatile Map<String, Long> lastLag = Map.of();

    Chaos(Options options, Path root, PrintStream out) {
        this.options = options;
        this.root = root;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(String.join("\n",
                    "usage: crm chaos [--outage] [--rate 20] [--clients 40] [--replicas 2] [--down 10|20] [--settle 20] [--warm 20]",
                    "       crm chaos --check-replicas [--replicas 2]",
                    "Starts its own CRM on free ports (files under deploy/chaos/target/), N replicas of each service;",
                    "loads a small bank, sends touchpoints over REST at --rate/s, kills -9 one replica of each service in",
                    "turn (started again after --down s, --settle s between kills), waits for the consumer groups and",
                    "the outboxes, reconciles from the databases and prints the report. Exit 0: nothing lost or doubled.",
                    "--outage kills every replica of one service at once instead (a full outage of it; back after --down,",
                    "20 s by default), each service in turn."));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println("crm chaos: " + e.getMessage());
            System.exit(2);
            return;
        }
        String property = System.getProperty("crm.root");
        Path root = property == null ? Path.of("").toAbsolutePath() : Path.of(property);
        System.exit(new Chaos(options, root, System.out).run());
    }

    int run() throws Exception {
        Path home = root.resolve("deploy/chaos/target/run-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()
                .replace(":", ""));
        Files.createDirectories(home);
        Path lib = root.resolve("deploy/local/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IOException(lib + " is missing: package first (./mvnw -DskipTests package)");
        }
        Stack stack = Stack.onFreePortsWithReplicas(root, home, lib + File.separator + "*", Duration.ofSeconds(300), out,
                options.replicas());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "chaos-stop"));
        long began = System.nanoTime();
        stack.launch();
        double startSeconds = seconds(began);
        try (Broker broker = new Broker(stack.bootstrapServers())) {
            boolean grouped = awaitGroups(broker, Duration.ofSeconds(90));
            if (options.checkReplicasOnly()) {
                out.printf(Locale.ROOT, "%n%d replicas of each service ready in %.1f s; %s%n", options.replicas(), startSeconds,
                        grouped ? "each service's replicas are members of its one consumer group" : "GROUPS INCOMPLETE");
                return grouped ? 0 : 1;
            }
            return scenario(stack, broker, startSeconds, home);
        } finally {
            stack.stop();
        }
    }

    private int scenario(Stack stack, Broker broker, double startSeconds, Path home) throws Exception {
        String token = stack.bearerToken(ROLES);
        CrmApi.authorize(token);
        CrmApi api = new CrmApi(stack.baseUrl("client-service"), stack.baseUrl("interaction-service"),
                stack.baseUrl("loyalty-service"), stack.baseUrl("offer-service"));
        long loading = System.nanoTime();
        new DemoLoader(new DemoLoader.Options(options.clients(), 42, 4, "unused", stack.bootstrapServers()), api, out).load();
        new DemoSummary(api, out).awaitScores(DemoLoader.clientCount(api), 300);
        List<String> clientIds = clientIds(api);
        double drainedBefore = awaitCaughtUp(broker, stack);
        out.printf(Locale.ROOT, "bank of %d clients loaded and digested in %.1f s%n", clientIds.size(), seconds(loading));

        List<Fault> faults = new ArrayList<>();
        TouchpointLoad load = new TouchpointLoad(stack.baseUrls("interaction-service"), clientIds, token, 7);
        Thread sampler = new Thread(() -> sample(broker), "chaos-lag");
        sampler.setDaemon(true);
        sampler.start();
        long loadBegan = System.nanoTime();
        load.start(options.rate());
        out.printf(Locale.ROOT, "load: %.0f touchpoints/s over REST to %s%n", options.rate(), stack.baseUrls("interaction-service"));
        Thread.sleep(options.warmSeconds() * 1000L);
        List<String> services = stack.serviceNames();
        for (int i = 0; i < services.size(); i++) {
            // one replica (each service a different one), or with --outage the whole service
            String component = options.outage() ? services.get(i) : services.get(i) + "#" + (1 + i % options.replicas());
            long pid = options.outage() ? -1 : stack.process(component).map(ProcessHandle::pid).orElse(-1L);
            peakLag.put(services.get(i), 0L);
            long killed = System.nanoTime();
            stack.kill(component);
            out.printf(Locale.ROOT, "%6.1f s  kill -9 %s (%s); %s%n", seconds(loadBegan), component,
                    pid < 0 ? "every replica" : "pid " + pid, load.counts());
            Thread.sleep(options.downSeconds() * 1000L);
            stack.start(component);
            double ready = seconds(killed);
            long restarted = System.nanoTime();
            double drained = awaitGroupBelow(services.get(i), Math.max(5, (long) options.rate()), Duration.ofSeconds(120));
            double drainedAfter = drained < 0 ? -1 : seconds(restarted);
            faults.add(new Fault(component, pid, ready, peakLag.get(services.get(i)), drainedAfter));
            out.printf(Locale.ROOT, "%6.1f s  %s ready again %.1f s after the kill; its group's lag peaked at %d, back under %d "
                    + "%s%n", seconds(loadBegan), component, ready, peakLag.get(services.get(i)),
                    Math.max(5, (long) options.rate()), drained < 0 ? "NOT within 120 s" : String.format(Locale.ROOT,
                            "%.1f s after the start", drainedAfter));
            Thread.sleep(options.settleSeconds() * 1000L);
        }
        load.stop();
        double loadSeconds = seconds(loadBegan);
        long stopped = System.nanoTime();
        double caughtUp = awaitCaughtUp(broker, stack);
        double caughtUpSeconds = caughtUp < 0 ? -1 : seconds(stopped);
        sampler.interrupt();

        Set<UUID> accepted = load.accepted();
        Reconciliation.Result result = new Reconciliation(service -> stack.jdbcUrl(stack.databases().get(service)),
                Stack.DB_USER, Stack.DB_PASSWORD).reconcile(accepted);
        Map<String, Long> deadLetters = broker.deadLetters();
        String report = report(options.outage(), load.counts(), loadSeconds, faults, result, deadLetters, caughtUpSeconds,
                startSeconds, drainedBefore);
        out.println();
        out.print(report);
        Files.writeString(home.resolve("chaos-report.txt"), report);
        out.println("(also in " + home.resolve("chaos-report.txt") + ")");
        boolean clean = result.clean() && deadLetters.values().stream().allMatch(n -> n == 0) && caughtUp >= 0;
        return clean ? 0 : 1;
    }

    static String report(boolean outage, TouchpointLoad.Counts load, double loadSeconds, List<Fault> faults,
            Reconciliation.Result r, Map<String, Long> deadLetters, double caughtUpSeconds, double startSeconds,
            double drainedBefore) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        p.printf(Locale.ROOT, "chaos: kill -9 of %s, each service in turn, under load%n",
                outage ? "every replica of one service at once (a full outage of it)" : "one replica");
        p.printf(Locale.ROOT, "  stack start (PostgreSQL, Kafka, all replicas ready)  %.1f s%n", startSeconds);
        p.printf(Locale.ROOT, "  load  %.0f s: %d touchpoints sent (%.1f/s), %d accepted (201 %d, 200 on a resend %d), "
                + "%d resends, %d given up, %d refused (4xx), %d not sent (queue full)%n", loadSeconds, load.sent(),
                load.sent() / loadSeconds, load.accepted(), load.created(), load.seenBefore(), load.resent(), load.givenUp(),
                load.refused(), load.notSent());
        p.printf(Locale.ROOT, "  %-22s %8s %18s %15s %22s%n", "fault (SIGKILL)", "pid", "ready after kill", "group lag peak",
                "lag drained after start");
        for (Fault f : faults) {
            p.printf(Locale.ROOT, "  %-22s %8s %16.1f s %15d %20s%n", f.component(), f.pid() < 0 ? "all" : String.valueOf(f.pid()),
                    f.readyAfterKillSeconds(),
                    f.peakLag(), f.drainedAfterStartSeconds() < 0 ? "not within 120 s"
                            : String.format(Locale.ROOT, "%.1f s", f.drainedAfterStartSeconds()));
        }
        p.printf(Locale.ROOT, "  caught up (every group's lag 0, every outbox published) %s after the load stopped%n",
                caughtUpSeconds < 0 ? "NOT within " + CATCH_UP_LIMIT.toMinutes() + " min"
                        : String.format(Locale.ROOT, "%.1f s", caughtUpSeconds));
        p.printf(Locale.ROOT, "reconciliation (from the databases):%n");
        p.printf(Locale.ROOT, "  accepted touchpoints                         %d%n", r.accepted());
        p.printf(Locale.ROOT, "  recorded in interaction-service              %d   lost %d%n", r.recorded(), r.lost());
        p.printf(Locale.ROOT, "  crm.interaction.recorded per touchpoint      none %d, more than one %d%n", r.withoutEvent(),
                r.eventTwice());
        for (String service : r.appliedOnce().keySet()) {
            p.printf(Locale.ROOT, "  applied by %-16s (inbox per ce_id)  once %d, never %d, twice %d%n", service,
                    r.appliedOnce().get(service), r.notApplied().get(service), r.appliedTwice().get(service));
        }
        p.printf(Locale.ROOT, "  loyalty interaction count = events announced %d of %d clients differ%n", r.clientsCountsDiffer(),
                r.clientsCompared());
        p.printf(Locale.ROOT, "  unpublished outbox rows                      %s%n", r.unpublished());
        p.printf(Locale.ROOT, "  dead-lettered records                        %d %s%n",
                deadLetters.values().stream().mapToLong(Long::longValue).sum(), nonZero(deadLetters));
        boolean clean = r.clean() && deadLetters.values().stream().allMatch(n -> n == 0) && caughtUpSeconds >= 0;
        p.printf(Locale.ROOT, "verdict: %s%n", clean ? "PASS (0 lost, 0 applied twice, DLQ empty, outboxes empty)" : "FAIL");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> shown = new LinkedHashMap<>();
        counts.forEach((k, v) -> {
            if (v > 0) {
                shown.put(k, v);
            }
        });
        return shown;
    }

    /** Every group has as many members as there are replicas (the launcher runs them with the same group id). */
    private boolean awaitGroups(Broker broker, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, ConsumerGroupDescription> groups = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                groups = broker.describe();
                if (groups.values().stream().allMatch(g -> membersOf(g) >= options.replicas())) {
                    break;
                }
            } catch (IllegalStateException e) {
                // the group coordinator is still loading
            }
            Thread.sleep(1000);
        }
        boolean complete = true;
        for (String group : Broker.GROUPS) {
            ConsumerGroupDescription g = groups.get(group);
            int members = g == null ? 0 : membersOf(g);
            complete &= members >= options.replicas();
            out.printf(Locale.ROOT, "  consumer group %-20s %d distinct member processes, %d consumers, state %s%n", group, members,
                    g == null ? 0 : g.members().size(), g == null ? "-" : g.groupState());
        }
        return complete;
    }

    /**
     * Processes in a group: each process has one consumer per channel, the same client id for the same channel in every
     * replica, so the processes are the members that share a client id.
     */
    static int membersOf(ConsumerGroupDescription group) {
        Map<String, Integer> perClientId = new LinkedHashMap<>();
        group.members().forEach(m -> perClientId.merge(m.clientId(), 1, Integer::sum));
        return perClientId.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private void sample(Broker broker) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Map<String, Long> lag = broker.lag();
                lastLag = lag;
                lag.forEach((group, n) -> peakLag.merge(group, n, Math::max));
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the broker is busy: the next sample
            }
        }
    }

    /** Seconds until the group's lag is at or under {@code threshold}; -1 if not within {@code limit}. */
    private double awaitGroupBelow(String group, long threshold, Duration limit) throws InterruptedException {
        long began = System.nanoTime();
        while (System.nanoTime() - began < limit.toNanos()) {
            Thread.sleep(1000);
            Long lag = lastLag.get(group);
            if (lag != null && lag <= threshold) {
                return seconds(began);
            }
        }
        return -1;
    }

    /** Seconds until every group's lag is 0 and every outbox is published, twice in a row; -1 if not within the limit. */
    private double awaitCaughtUp(Broker broker, Stack stack) throws Exception {
        long began = System.nanoTime();
        int quiet = 0;
        while (System.nanoTime() - began < CATCH_UP_LIMIT.toNanos()) {
            boolean idle = broker.lag().values().stream().allMatch(n -> n == 0)
                    && new Reconciliation(service -> stack.jdbcUrl(stack.databases().get(service)), Stack.DB_USER,
                            Stack.DB_PASSWORD).reconcile(Set.of()).unpublished().values().stream().allMatch(n -> n == 0);
            quiet = idle ? quiet + 1 : 0;
            if (quiet >= 2) {
                return seconds(began);
            }
            Thread.sleep(1000);
        }
        return -1;
    }

    private static List<String> clientIds(CrmApi api) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode items = api.expect("GET", api.clients() + "/clients?size=100&page=" + page, null, 200).body()
                    .path("items");
            if (!items.isArray() || items.isEmpty()) {
                return ids;
            }
            items.forEach(item -> ids.add(item.path("id").asText()));
        }
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
    }
}
