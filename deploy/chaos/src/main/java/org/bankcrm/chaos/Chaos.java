package org.bankcrm.chaos;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
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

    record Options(double rate, int clients, int replicas, Integer downSeconds, int settleSeconds, int warmSeconds,
            boolean checkReplicasOnly, List<Scenario> scenarios, double topicShare) {
        static Options parse(String[] args) {
            double rate = 20;
            int clients = 40;
            int replicas = 2;
            Integer down = null;
            int settle = 20;
            int warm = 20;
            boolean check = false;
            double topicShare = 0;
            List<Scenario> scenarios = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rate" -> rate = Double.parseDouble(value(args, ++i, "--rate"));
                    case "--clients" -> clients = Integer.parseInt(value(args, ++i, "--clients"));
                    case "--replicas" -> replicas = Integer.parseInt(value(args, ++i, "--replicas"));
                    case "--down" -> down = Integer.parseInt(value(args, ++i, "--down"));
                    case "--settle" -> settle = Integer.parseInt(value(args, ++i, "--settle"));
                    case "--warm" -> warm = Integer.parseInt(value(args, ++i, "--warm"));
                    case "--check-replicas" -> check = true;
                    case "--topic-share" -> topicShare = Double.parseDouble(value(args, ++i, "--topic-share"));
                    case "--outage" -> scenarios.add(Scenario.OUTAGE);
                    case "--scenario" -> scenarios.addAll(Scenario.parse(value(args, ++i, "--scenario")));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see crm chaos --help)");
                }
            }
            if (scenarios.isEmpty()) {
                scenarios.add(Scenario.REPLICA_KILL);
            }
            if (rate <= 0 || rate > 500 || clients < 1 || replicas < 1 || replicas > 9 || (down != null && down < 0) || settle < 0
                    || warm < 0 || topicShare < 0 || topicShare > 1) {
                throw new IllegalArgumentException("out of range: --rate 0-500, --clients >= 1, --replicas 1-9, seconds >= 0, "
                        + "--topic-share 0-1");
            }
            if (!check && replicas < 2 && scenarios.stream().anyMatch(Scenario::needsTwoReplicas)) {
                throw new IllegalArgumentException("the kill scenario needs --replicas 2 or more (one replica keeps serving)");
            }
            return new Options(rate, clients, replicas, down, settle, warm, check, List.copyOf(scenarios.stream().distinct().toList()),
                    topicShare);
        }

        /** Every how many touchpoints one goes over the ingest topic (--topic-share 0.25: every 4th); 0: none. */
        long topicEvery() {
            return topicShare == 0 ? 0 : Math.max(1, Math.round(1 / topicShare));
        }

        /** How long the scenario's fault lasts: --down, or the scenario's own time (the issue's 10 s, 20 s, 30 s). */
        int downSeconds(Scenario scenario) {
            return downSeconds != null ? downSeconds : scenario.defaultDownSeconds;
        }

        boolean needsDatabaseProxy() {
            return scenarios.stream().anyMatch(Scenario::needsDatabaseProxy);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }

    /**
     * One fault: what it struck, how long from the fault until every replica was ready again (-1: not within the limit),
     * the lag at its highest (the struck service's group, or every group for the broker and the database) and how long it
     * took after the restore to be back under the rate.
     */
    record Fault(String component, long pid, double readyAfterFaultSeconds, long peakLag, double drainedAfterRestoreSeconds) {
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
                    "usage: crm chaos [--scenario replica-kill,...] [--rate 20] [--clients 40] [--replicas 2] [--down s]",
                    "                 [--settle 20] [--warm 20] [--topic-share 0]",
                    "       crm chaos --check-replicas [--replicas 2]",
                    "Starts its own CRM on free ports (files under deploy/chaos/target/), N replicas of each service;",
                    "loads a small bank, sends touchpoints over REST at --rate/s, injects each scenario's fault in turn",
                    "(undone after --down s, the scenario's own time unless given; --settle s between faults), waits for",
                    "the consumer groups and the outboxes, reconciles from the databases and prints the report.",
                    "Exit 0: nothing lost or doubled, the DLQ holds exactly the poison sent (none: empty).",
                    "Scenarios (comma-separated, or all): " + Scenario.names() + ".",
                    "--outage is --scenario outage. --topic-share S sends that share of the touchpoints over",
                    "crm.touchpoint.ingest.v1 instead of REST (accepted once the broker acknowledged them)."));
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
        if (options.needsDatabaseProxy()) {
            stack = stack.withDatabaseProxy(); // the services reach PostgreSQL through a relay the scenario can close
        }
        Stack started = stack;
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "chaos-stop"));
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
        List<Poison.Sent> poison = new ArrayList<>();
        KafkaProducer<String, String> ingest = options.topicEvery() == 0 ? null
                : IngestRecords.producer(stack.bootstrapServers(), "crm-chaos-load");
        TouchpointLoad load = new TouchpointLoad(stack.baseUrls("interaction-service"), clientIds, token, 7, ingest,
                options.topicEvery());
        Thread sampler = new Thread(() -> sample(broker), "chaos-lag");
        sampler.setDaemon(true);
        sampler.start();
        long loadBegan = System.nanoTime();
        load.start(options.rate());
        out.printf(Locale.ROOT, "load: %.0f touchpoints/s over REST to %s%s%n", options.rate(), stack.baseUrls("interaction-service"),
                ingest == null ? "" : ", 1 in " + options.topicEvery() + " over " + IngestRecords.TOPIC);
        Thread.sleep(options.warmSeconds() * 1000L);
        long threshold = Math.max(5, (long) options.rate());
        for (Scenario scenario : options.scenarios()) {
            for (String target : targets(scenario, stack.serviceNames())) {
                // a replica's or a service's fault is watched in its group; the broker's and the database's in every group
                Set<String> groups = scenario.infrastructure() ? Set.copyOf(Broker.GROUPS) : Set.of(target.replaceAll("#.*", ""));
                long pid = scenario == Scenario.REPLICA_KILL ? stack.process(target).map(ProcessHandle::pid).orElse(-1L) : -1;
                groups.forEach(group -> peakLag.put(group, 0L));
                String label = scenario.infrastructure() ? scenario.option
                        : scenario == Scenario.REBALANCE_STORM ? "storm " + target : target;
                long faulted = System.nanoTime();
                out.printf(Locale.ROOT, "%6.1f s  %s: %s; %s%n", seconds(loadBegan), label, scenario.description, load.counts());
                inject(scenario, target, stack, clientIds.get(0), poison);
                if (scenario != Scenario.REBALANCE_STORM) { // the storm lasts its down time by itself
                    Thread.sleep(options.downSeconds(scenario) * 1000L);
                }
                restore(scenario, target, stack);
                boolean ready = awaitServicesReady(stack, Duration.ofSeconds(300));
                double readySeconds = ready ? seconds(faulted) : -1;
                long restored = System.nanoTime();
                double drained = awaitLagBelow(groups, threshold, Duration.ofSeconds(120));
                double drainedAfter = drained < 0 ? -1 : seconds(restored);
                long peak = groups.stream().mapToLong(group -> peakLag.getOrDefault(group, 0L)).max().orElse(0);
                faults.add(new Fault(label, pid, readySeconds, peak, drainedAfter));
                out.printf(Locale.ROOT, "%6.1f s  %s: every replica ready %s after the fault; lag peaked at %d, back under %d %s%n",
                        seconds(loadBegan), label, ready ? String.format(Locale.ROOT, "%.1f s", readySeconds) : "NOT within 300 s",
                        peak, threshold, drained < 0 ? "NOT within 120 s" : String.format(Locale.ROOT, "%.1f s after the restore",
                                drainedAfter));
                Thread.sleep(options.settleSeconds() * 1000L);
            }
        }
        load.stop();
        if (ingest != null) {
            ingest.close();
        }
        double loadSeconds = seconds(loadBegan);
        long stopped = System.nanoTime();
        double caughtUp = awaitCaughtUp(broker, stack);
        double caughtUpSeconds = caughtUp < 0 ? -1 : seconds(stopped);
        sampler.interrupt();

        Set<UUID> accepted = load.accepted();
        Reconciliation.Result result = new Reconciliation(service -> stack.jdbcUrl(stack.databases().get(service)),
                Stack.DB_USER, Stack.DB_PASSWORD).reconcile(accepted);
        Poison.Check deadLetters = Poison.check(poison, broker.deadLetterRecords());
        String report = report(options.scenarios(), load.counts(), loadSeconds, faults, result, deadLetters, caughtUpSeconds,
                startSeconds, drainedBefore);
        out.println();
        out.print(report);
        Files.writeString(home.resolve("chaos-report.txt"), report);
        out.println("(also in " + home.resolve("chaos-report.txt") + ")");
        return verdict(result, deadLetters, caughtUpSeconds) ? 0 : 1;
    }

    /** What a scenario strikes, in turn: one replica of each service, each whole service, or the one broker/database/topic. */
    List<String> targets(Scenario scenario, List<String> services) {
        List<String> targets = new ArrayList<>();
        switch (scenario) {
            case REPLICA_KILL -> {
                for (int i = 0; i < services.size(); i++) {
                    targets.add(services.get(i) + "#" + (1 + i % options.replicas())); // each service a different replica
                }
            }
            case OUTAGE -> targets.addAll(services);
            case BROKER_KILL, BROKER_STOP -> targets.add("kafka");
            case POSTGRES_FAST, POSTGRES_IMMEDIATE, POSTGRES_UNREACHABLE -> targets.add("postgres");
            case POISON -> targets.add(Poison.TOPIC);
            case REBALANCE_STORM -> targets.add(Scenario.STORM_SERVICE);
        }
        return targets;
    }

    private void inject(Scenario scenario, String target, Stack stack, String clientId, List<Poison.Sent> poison)
            throws InterruptedException {
        switch (scenario) {
            case REPLICA_KILL, OUTAGE -> stack.kill(target);
            case BROKER_KILL -> stack.killBroker();
            case BROKER_STOP -> {
                if (!stack.stopBroker()) {
                    out.println("  the broker did not stop within 30 s of SIGTERM and was killed");
                }
            }
            case POSTGRES_FAST -> stack.stopDatabase(false);
            case POSTGRES_IMMEDIATE -> stack.stopDatabase(true);
            case POSTGRES_UNREACHABLE -> stack.refuseDatabaseConnections();
            case REBALANCE_STORM -> storm(stack, target, options.downSeconds(scenario));
            case POISON -> {
                List<Poison.Sent> sent = Poison.inject(stack.bootstrapServers(), clientId);
                sent.forEach(p -> out.printf(Locale.ROOT, "  poison sent: %s (%d bytes) at %s-%d@%d%n", p.kind(), p.bytes(),
                        Poison.TOPIC, p.partition(), p.offset()));
                poison.addAll(sent);
            }
        }
    }

    /**
     * For {@code seconds}: SIGKILL to one replica of the service, start it again (until ready), then the next replica;
     * each kill and each start makes the group rebalance, as fast as the replicas can start.
     */
    private void storm(Stack stack, String service, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int rounds = 0;
        for (int replica = 1; System.nanoTime() < end; replica = replica % options.replicas() + 1) {
            String component = service + "#" + replica;
            stack.kill(component);
            stack.start(component);
            rounds++;
        }
        out.printf(Locale.ROOT, "  storm: %d kills and starts of %s's replicas in %d s%n", rounds, service, seconds);
    }

    private static void restore(Scenario scenario, String target, Stack stack) throws InterruptedException {
        switch (scenario) {
            case REPLICA_KILL, OUTAGE, REBALANCE_STORM -> stack.start(target); // the storm: any replica still down
            case BROKER_KILL, BROKER_STOP -> stack.startBroker();
            case POSTGRES_FAST, POSTGRES_IMMEDIATE -> stack.startDatabase();
            case POSTGRES_UNREACHABLE -> stack.acceptDatabaseConnections();
            case POISON -> {
                // nothing to undo: the records stay on the topic
            }
        }
    }

    static boolean verdict(Reconciliation.Result r, Poison.Check deadLetters, double caughtUpSeconds) {
        return r.clean() && deadLetters.clean() && caughtUpSeconds >= 0;
    }

    static String report(List<Scenario> scenarios, TouchpointLoad.Counts load, double loadSeconds, List<Fault> faults,
            Reconciliation.Result r, Poison.Check deadLetters, double caughtUpSeconds, double startSeconds,
            double drainedBefore) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        p.printf(Locale.ROOT, "chaos: %s, under load%n", String.join("; then ",
                scenarios.stream().map(s -> s.description).toList()));
        p.printf(Locale.ROOT, "  stack start (PostgreSQL, Kafka, all replicas ready)  %.1f s%n", startSeconds);
        p.printf(Locale.ROOT, "  load  %.0f s: %d touchpoints sent (%.1f/s), %d accepted (201 %d, 200 on a resend %d%s), "
                + "%d resends, %d given up (not accepted), %d refused (4xx), %d not sent (queue full)%n", loadSeconds, load.sent(),
                load.sent() / loadSeconds, load.accepted(), load.created(), load.seenBefore(),
                load.acknowledged() == 0 ? "" : ", acknowledged on the ingest topic " + load.acknowledged(), load.resent(),
                load.givenUp(), load.refused(), load.notSent());
        p.printf(Locale.ROOT, "  %-22s %8s %18s %15s %22s%n", "fault", "pid", "ready after fault", "group lag peak",
                "lag drained after restore");
        for (Fault f : faults) {
            p.printf(Locale.ROOT, "  %-22s %8s %18s %15d %22s%n", f.component(), f.pid() < 0 ? "-" : String.valueOf(f.pid()),
                    f.readyAfterFaultSeconds() < 0 ? "not within 300 s"
                            : String.format(Locale.ROOT, "%.1f s", f.readyAfterFaultSeconds()),
                    f.peakLag(), f.drainedAfterRestoreSeconds() < 0 ? "not within 120 s"
                            : String.format(Locale.ROOT, "%.1f s", f.drainedAfterRestoreSeconds()));
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
        Map<String, Long> perTopic = new TreeMap<>();
        deadLetters.unexpected().forEach(d -> perTopic.merge(d.topic(), 1L, Long::sum));
        p.printf(Locale.ROOT, "  dead letters: poison expected %d, found with its reason %d; other dead letters %d %s%n",
                deadLetters.expected(), deadLetters.matched().size(), deadLetters.unexpected().size(), perTopic);
        deadLetters.matched().forEach(m -> p.printf(Locale.ROOT, "    %s%n", shorten(m)));
        deadLetters.missing().forEach(m -> p.printf(Locale.ROOT, "    MISSING %s%n", m));
        deadLetters.unexpected().stream().limit(10).forEach(d -> p.printf(Locale.ROOT, "    UNEXPECTED on %s (from %s-%d@%d): %s%n",
                d.topic(), d.originTopic(), d.originPartition(), d.originOffset(), shorten(d.reason())));
        boolean clean = verdict(r, deadLetters, caughtUpSeconds);
        p.printf(Locale.ROOT, "verdict: %s%n", clean ? "PASS (0 lost, 0 applied twice, "
                + (deadLetters.expected() == 0 ? "DLQ empty" : "DLQ holds exactly the poison") + ", outboxes empty)" : "FAIL");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String shorten(String reason) {
        return reason == null ? "(no reason)" : reason.length() <= 160 ? reason : reason.substring(0, 160) + "…";
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

    /** Seconds until each of the groups' lag is at or under {@code threshold}; -1 if not within {@code limit}. */
    private double awaitLagBelow(Set<String> groups, long threshold, Duration limit) throws InterruptedException {
        long began = System.nanoTime();
        while (System.nanoTime() - began < limit.toNanos()) {
            Thread.sleep(1000);
            Map<String, Long> lag = lastLag;
            if (groups.stream().allMatch(group -> lag.containsKey(group) && lag.get(group) <= threshold)) {
                return seconds(began);
            }
        }
        return -1;
    }

    /** True once every replica of every service answers /q/health/ready with 200 (a restored database or broker). */
    private static boolean awaitServicesReady(Stack stack, Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<String> urls = stack.serviceNames().stream().flatMap(s -> stack.baseUrls(s).stream()).toList();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (urls.stream().allMatch(url -> ready(http, url))) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static boolean ready(HttpClient http, String baseUrl) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
