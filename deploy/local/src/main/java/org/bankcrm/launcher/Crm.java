package org.bankcrm.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.bankcrm.demo.CrmApi;
import org.bankcrm.demo.DemoCommand;
import org.bankcrm.demo.DemoLoader;
import org.bankcrm.launcher.StateFile.Phase;
import org.bankcrm.launcher.StateFile.State;

/**
 * The {@code crm} commands: up [--detach] [--no-demo], status, down, reset, demo, help (and supervise, the detached stack).
 * The bash script deploy/local/crm builds what is missing, handles {@code logs}, and runs this class.
 */
public final class Crm {
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LEFTOVER_STOP_GRACE = Duration.ofSeconds(15);

    /** Held for the supervisor's whole life: a second supervisor cannot take it, a dead one releases it. */
    private static FileChannel supervisorLock;

    private final Layout layout;
    private final Map<String, String> env;
    private final PrintStream out;
    private final StateFile stateFile;

    Crm(Layout layout, Map<String, String> env, PrintStream out) {
        this.layout = layout;
        this.env = env;
        this.out = out;
        this.stateFile = new StateFile(layout.stateFile());
    }

    public static void main(String[] args) {
        int code = new Crm(new Layout(projectRoot()), System.getenv(), System.out).run(args);
        System.exit(code);
    }

    int run(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> options = List.of(args).subList(Math.min(1, args.length), args.length);
        try {
            switch (command) {
                case "up":
                    int replicasAt = options.indexOf("--replicas");
                    if (replicasAt >= 0) {
                        // crm up --replicas N is CRM_REPLICAS=N (the supervisor of up --detach reads it from there)
                        if (replicasAt + 1 >= options.size()) {
                            throw new IllegalArgumentException("--replicas needs a number (or service=number,...)");
                        }
                        Map<String, String> replicated = new java.util.HashMap<>(env);
                        replicated.put("CRM_REPLICAS", options.get(replicasAt + 1));
                        List<String> rest = new ArrayList<>(options);
                        rest.subList(replicasAt, replicasAt + 2).clear();
                        rest.add(0, "up");
                        return new Crm(layout, replicated, out).run(rest.toArray(String[]::new));
                    }
                    if (options.contains("--infra-only")) {
                        // PostgreSQL and Kafka only, for services run by hand (./mvnw quarkus:dev): no service, no demo
                        Map<String, String> infra = new java.util.HashMap<>(env);
                        infra.put("CRM_SERVICES", Settings.NO_SERVICES);
                        infra.put("CRM_DEMO", "off");
                        String[] rest = options.stream().filter(o -> !o.equals("--infra-only")).toList().toArray(String[]::new);
                        String[] again = new String[rest.length + 1];
                        again[0] = "up";
                        System.arraycopy(rest, 0, again, 1, rest.length);
                        return new Crm(layout, infra, out).run(again);
                    }
                    DemoChoice demo = DemoChoice.of(options, env);
                    List<String> unknown = demo.rest().stream()
                            .filter(o -> !List.of("--detach", "-d", "--build").contains(o)).toList();
                    if (!unknown.isEmpty()) {
                        out.println("crm: unknown option for up: " + String.join(" ", unknown) + " (see crm help)");
                        return 2;
                    }
                    return options.contains("--detach") || options.contains("-d") ? upDetached(demo) : up(false, demo);
                case "env":
                    return serviceEnvironment(options);
                case "supervise":
                    return up(true, DemoChoice.NONE);
                case "demo":
                    return demo(options.toArray(String[]::new));
                case "token":
                    return token(options);
                case "status":
                    return status();
                case "kill":
                    return kill(options);
                case "start":
                    return start(options);
                case "down":
                    return down();
                case "reset":
                    return reset(options.contains("--all"));
                case "help":
                case "-h":
                case "--help":
                    help();
                    return 0;
                default:
                    out.println("crm: unknown command '" + command + "'");
                    help();
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            out.println("crm: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            out.println("crm: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Starts the stack in this JVM and supervises it until Ctrl-C or crm down (also the detached supervisor's body). */
    private int up(boolean detachedSupervisor, DemoChoice demo) throws IOException, InterruptedException {
        Settings settings = Settings.fromEnvironment(layout, env);
        if (refuseIfRunning()) {
            return 1;
        }
        if (!preflight(settings)) {
            return 2;
        }
        layout.createDirectories();
        if (!lockSupervisor()) {
            out.println("crm: another crm up is starting the CRM right now; crm status / crm down");
            return 1;
        }
        Stack stack = new Stack(settings, brokerClasspath(), stateFile, out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "crm-stop"));
        try {
            stack.start();
        } catch (StartupFailure failure) {
            if (stack.isStopping()) {
                return 130; // Ctrl-C or crm down during the start: the shutdown hook stops what was started
            }
            out.println();
            out.println("crm: start-up failed: " + failure.getMessage());
            failure.log().ifPresent(log -> {
                out.println("Last lines of " + log + ":");
                Logs.tailOfLastRun(log, 30).forEach(line -> out.println("  | " + line));
            });
            stack.fail(failure.getMessage());
            return 1;
        }
        printReady(stack.state(), detachedSupervisor
                ? "Supervising in the background; crm down stops everything."
                : "Press Ctrl-C to stop everything (or run crm down in another terminal).");
        if (!detachedSupervisor && demo.load()) {
            // beside the supervision, which keeps reporting components that end while the demo loads
            Thread loader = new Thread(() -> {
                try {
                    loadDemoOnFirstStart(settings, demo);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    if (!stack.isStopping()) {
                        out.println("crm: the demo bank was not loaded completely: " + e.getMessage());
                        out.println("The CRM keeps running; load it again after crm down && crm reset, or skip it with --no-demo.");
                    }
                }
            }, "crm-demo-load");
            loader.setDaemon(true);
            loader.start();
        }
        stack.superviseUntilStopped();
        return 0;
    }

    /** Starts a supervisor in the background (java -jar crm-launcher.jar supervise) and returns once the stack is ready. */
    private int upDetached(DemoChoice demo) throws IOException, InterruptedException {
        Settings settings = Settings.fromEnvironment(layout, env);
        if (refuseIfRunning()) {
            return 1;
        }
        if (!preflight(settings)) {
            return 2;
        }
        Path jar = launcherJar().orElseThrow(() ->
                new IOException("up --detach needs the packaged launcher (deploy/local/target/crm-launcher.jar)"));
        layout.createDirectories();
        Path log = layout.log("launcher");
        Logs.startRun(log, "crm up --detach");

        List<String> command = new ArrayList<>();
        command.add(Processes.javaBinary());
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(jvmArguments);
        if (jvmArguments.stream().noneMatch(a -> a.startsWith("-Dcrm.root="))) {
            command.add("-Dcrm.root=" + layout.root());
        }
        command.addAll(List.of("-jar", jar.toString(), "supervise"));
        ProcessBuilder supervising = new ProcessBuilder(Processes.inOwnSession(command));
        // what this launcher was told in its own environment map (up --infra-only), the supervisor is told too
        for (String name : List.of("CRM_SERVICES", "CRM_DEMO", "CRM_REPLICAS")) {
            if (env.containsKey(name)) {
                supervising.environment().put(name, env.get(name));
            }
        }
        Process supervisor = supervising
                .directory(layout.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        supervisor.getOutputStream().close();
        out.println("Starting the CRM in the background (supervisor pid " + supervisor.pid() + ", its log: " + log + ")");

        Set<String> shown = new HashSet<>();
        long deadline = System.nanoTime() + settings.startTimeout().plusSeconds(240).toNanos();
        while (true) {
            Optional<State> state = stateFile.read().filter(s -> s.supervisorPid() == supervisor.pid());
            state.ifPresent(s -> printNewlyReady(s, shown));
            if (state.isPresent() && state.get().phase() == Phase.READY) {
                printReady(state.get(), "It runs in the background: crm status, crm logs <component>, crm down.");
                try {
                    loadDemoOnFirstStart(settings, demo);
                } catch (RuntimeException e) {
                    out.println("crm: the demo bank was not loaded completely: " + e.getMessage());
                    out.println("The CRM keeps running; load it again after crm down && crm reset, or skip it with --no-demo.");
                    return 1;
                }
                return 0;
            }
            if (!supervisor.isAlive()) {
                out.println();
                out.println("crm: start-up failed: " + state.flatMap(State::failure)
                        .orElse("the supervisor ended with exit code " + supervisor.exitValue()));
                out.println("Last lines of " + log + ":");
                Logs.tailOfLastRun(log, 45).forEach(line -> out.println("  | " + line));
                return 1;
            }
            if (System.nanoTime() > deadline) {
                out.println("crm: the CRM did not become ready in time; stopping it");
                Processes.stop(supervisor.toHandle(), DOWN_TIMEOUT);
                return 1;
            }
            Thread.sleep(250);
        }
    }

    /** {@code crm token <role> [<role>...]}: prints a bearer token for those roles, valid for a day, and nothing else. */
    private int token(List<String> roles) throws IOException {
        if (roles.isEmpty()) {
            out.println("usage: crm token <role> [<role>...]   roles: " + String.join(", ", DevTokens.ROLES));
            return 2;
        }
        DevTokens tokens = new DevTokens(layout);
        if (tokens.ensureKeys()) {
            System.err.println("crm: generated the development key pair in " + tokens.publicKey().getParent()
                    + "; services started before now do not trust it: restart them (crm down, crm up)");
        }
        out.println(tokens.token(DevTokens.DAY, roles.toArray(String[]::new)));
        return 0;
    }

    /** The token the demo bank calls with: it plays the channels, the core systems, marketing and an analyst. */
    private String demoToken() throws IOException {
        return new DevTokens(layout).token(DevTokens.DAY, DEMO_ROLES);
    }

    static final String[] DEMO_ROLES = { "channel", "integration", "marketing", "analyst" };

    private int status() {
        Optional<State> read = stateFile.read();
        if (read.isEmpty() || read.get().liveSupervisor().isEmpty()) {
            out.println("The CRM is not running.");
            read.ifPresent(stale -> {
                List<String> leftovers = stale.components().stream()
                        .filter(c -> stale.liveProcess(c).isPresent())
                        .map(c -> c + " (pid " + stale.pid(c).getAsLong() + ")")
                        .toList();
                if (!leftovers.isEmpty()) {
                    out.println("Left over from an earlier run: " + String.join(", ", leftovers) + "; crm down stops them.");
                }
            });
            return 3;
        }
        State state = read.get();
        String since = LocalTime.ofInstant(Instant.ofEpochMilli(state.since()), ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.SECONDS).toString();
        out.println("The CRM is " + (state.phase() == Phase.READY ? "running" : state.phase().name().toLowerCase())
                + " (supervisor pid " + state.supervisorPid() + ", started at " + since + ").");
        Table table = new Table("component", "state", "pid", "port", "health");
        boolean allUp = state.phase() == Phase.READY;
        for (String component : state.components()) {
            boolean running = state.liveProcess(component).isPresent();
            int port = state.port(component);
            String health;
            if (!running) {
                health = "-";
            } else if (isService(component)) {
                health = ServiceProcess.health(port).name();
            } else {
                health = Ports.accepts(port) ? "UP" : "NO_ANSWER";
            }
            allUp &= running && health.equals("UP");
            table.row(component, running ? "running" : "stopped", state.pid(component).getAsLong(), port, health);
        }
        for (Settings.Service service : Settings.ALL_SERVICES) {
            if (state.components().stream().noneMatch(c -> Replicas.serviceOf(c).equals(service.name()))) {
                table.row(service.name(), state.phase() == Phase.READY ? "not started" : "-", "-", "-", "-");
            }
        }
        table.print(out);
        return allUp ? 0 : 3;
    }

    /** The running CRM's service processes a {@code kill} or {@code start} target names, or the exit code of a refusal. */
    private record Targeted(State state, List<String> components, int refusal) {
    }

    private Targeted targeted(List<String> options, String usage) {
        if (options.size() != 1) {
            out.println("usage: " + usage);
            return new Targeted(null, List.of(), 2);
        }
        Optional<State> read = stateFile.read().filter(s -> s.liveSupervisor().isPresent());
        if (read.isEmpty()) {
            out.println("The CRM is not running: crm up starts it.");
            return new Targeted(null, List.of(), 1);
        }
        List<String> services = read.get().components().stream().filter(Crm::isService).toList();
        List<String> targets = Replicas.targets(services, options.get(0));
        if (targets.isEmpty()) {
            out.println("crm: no service process '" + options.get(0) + "'; components: " + String.join(", ", services));
            return new Targeted(null, List.of(), 2);
        }
        return new Targeted(read.get(), targets, 0);
    }

    /** {@code crm kill <service>[#i]}: SIGKILL to one replica, or to every replica of the service. */
    private int kill(List<String> options) {
        Targeted targeted = targeted(options, "crm kill <service>[#i]   e.g. crm kill loyalty-service#2 (all replicas without #i)");
        for (String component : targeted.components()) {
            Optional<ProcessHandle> process = targeted.state().liveProcess(component);
            if (process.isEmpty()) {
                out.println("  " + String.format("%-24s", component) + "not running");
                continue;
            }
            process.get().destroyForcibly(); // SIGKILL: a crash, no shutdown
            Processes.awaitExit(process.get(), Duration.ofSeconds(10));
            out.println("  " + String.format("%-24s", component) + "killed (SIGKILL to pid " + process.get().pid()
                    + "); crm start " + component + " starts it again");
        }
        return targeted.refusal();
    }

    /** {@code crm start <service>[#i]}: the supervisor starts a stopped replica (or every stopped one) again; waits until ready. */
    private int start(List<String> options) throws IOException, InterruptedException {
        Targeted targeted = targeted(options,
                "crm start <service>[#i]   e.g. crm start loyalty-service#2 (all stopped replicas without #i)");
        if (targeted.refusal() != 0) {
            return targeted.refusal();
        }
        List<String> asked = new ArrayList<>();
        for (String component : targeted.components()) {
            Optional<ProcessHandle> running = targeted.state().liveProcess(component);
            if (running.isPresent()) {
                out.println("  " + String.format("%-24s", component) + "runs already (pid " + running.get().pid() + ")");
            } else {
                StartRequests.request(layout, component);
                asked.add(component);
            }
        }
        Settings settings = Settings.fromEnvironment(layout, env);
        long deadline = System.nanoTime() + settings.startTimeout().plusSeconds(10).toNanos();
        while (!asked.isEmpty()) {
            Optional<State> now = stateFile.read();
            for (String component : List.copyOf(asked)) {
                Optional<Duration> ready = now.filter(s -> s.liveProcess(component).isPresent()).flatMap(s -> s.readyAfter(component));
                if (ready.isPresent()) {
                    out.println(Stack.readyLine(component, ready.get(), "pid " + now.get().pid(component).getAsLong() + ", "
                            + now.get().detail(component)));
                    asked.remove(component);
                }
            }
            if (!asked.isEmpty() && System.nanoTime() > deadline) {
                out.println("crm: not ready in time: " + String.join(", ", asked) + " (crm logs <component>, crm status)");
                return 1;
            }
            Thread.sleep(250);
        }
        return 0;
    }

    private int down() throws InterruptedException {
        Optional<State> read = stateFile.read();
        Optional<ProcessHandle> supervisor = read.flatMap(State::liveSupervisor);
        if (supervisor.isEmpty()) {
            out.println(stopLeftovers() ? "Nothing else was running." : "Nothing is running.");
            return 0;
        }
        State started = read.get();
        out.println("Stopping the CRM (supervisor pid " + supervisor.get().pid() + ")");
        supervisor.get().destroy();
        List<String> order = new ArrayList<>(started.components());
        Collections.reverse(order);
        Set<String> shown = new HashSet<>();
        long deadline = System.nanoTime() + DOWN_TIMEOUT.toNanos();
        while (Processes.isRunning(supervisor.get())) {
            stateFile.read().ifPresent(now -> order.stream()
                    .filter(c -> now.isStopped(c) && shown.add(c))
                    .forEach(c -> out.println("  " + String.format("%-20s", c) + " stopped")));
            if (System.nanoTime() > deadline) {
                out.println("crm: the supervisor did not stop within " + DOWN_TIMEOUT.toSeconds() + " s; killing it");
                supervisor.get().destroyForcibly();
                Processes.awaitExit(supervisor.get(), Duration.ofSeconds(5));
                break;
            }
            Thread.sleep(200);
        }
        for (String component : order) {
            // the postmaster removes its pid file (which pg_ctl waits for) a moment before it exits
            Optional<ProcessHandle> alive = started.liveProcess(component)
                    .filter(p -> !Processes.awaitExit(p, Duration.ofSeconds(5)));
            if (alive.isPresent()) {
                out.println("  " + String.format("%-20s", component) + " still runs (pid " + alive.get().pid() + "); stopping it");
                Processes.stop(alive.get(), LEFTOVER_STOP_GRACE);
            } else if (shown.add(component)) {
                out.println("  " + String.format("%-20s", component) + " stopped");
            }
        }
        stateFile.delete();
        out.println("The CRM is stopped.");
        return 0;
    }

    private int reset(boolean everything) throws IOException {
        if (refuseIfRunning("The CRM is running (pid %d): run crm down first.")) {
            return 1;
        }
        stopLeftovers();
        Path target = everything ? layout.home() : layout.data();
        if (!Files.exists(target)) {
            out.println("Nothing to reset: " + target + " does not exist.");
            return 0;
        }
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        out.println(everything
                ? "Deleted " + target + " (data, logs and run files)."
                : "Deleted " + target + " (PostgreSQL and Kafka data). The logs in " + layout.logs()
                        + " are kept; crm reset --all deletes them too.");
        return 0;
    }

    private void help() {
        out.println(String.join("\n",
                "crm: runs the whole Bank CRM on this machine: a PostgreSQL server, a Kafka broker (KRaft) and the services.",
                "",
                "Usage: deploy/local/crm <command>",
                "  up                 start everything in the foreground; Ctrl-C stops everything",
                "  up --detach        start everything in the background and return once it is ready",
                "  up --build         rebuild the project first (./mvnw -B -q -DskipTests install)",
                "  up --no-demo       do not load the demo bank (up loads it on the first start, into an empty CRM);",
                "                     up --demo-clients N sets its size [" + DemoChoice.DEFAULT_CLIENTS + "]",
                "  demo <mode>        the demo bank, with the CRM running: --load, --summary, --stats, --rate R (live",
                "                     touchpoints), --replay-bank-marketing; crm demo --help lists the options",
                "  up --infra-only    start only PostgreSQL and Kafka (no service, no demo), for services in dev mode",
                "  env <service>      print the environment crm up gives the service (export lines): eval it, then",
                "                     ./mvnw quarkus:dev -pl <service> runs it against the launcher's PostgreSQL and Kafka",
                "  token <role>...    print a bearer token for the role(s), valid for a day: channel, analyst, marketing,",
                "                     admin, integration; e.g. curl -H \"Authorization: Bearer $(deploy/local/crm token channel)\" ...",
                "  up --replicas N    N processes of each service (or service=N,...; CRM_REPLICAS), one consumer group",
                "                     per service; replica i on the service's port + 10 x (i - 1)",
                "  status             what runs: pid, port and health of each component (exit 0 when all are up, 3 if not)",
                "  kill <service>[#i] SIGKILL to one replica (loyalty-service#2), or to all of the service without #i",
                "  start <service>[#i] start a killed or stopped replica (all stopped ones without #i) again; waits for ready",
                "  down               stop the running CRM (foreground or detached)",
                "  logs <component>   follow a log: client-service, interaction-service, loyalty-service, offer-service,",
                "                     console, kafka, postgres, launcher",
                "  reset [--all]      delete the data (.crm/data); --all deletes the logs too (all of .crm/)",
                "  chaos [--quick]    fault scenarios on a CRM of its own (free ports, 2 replicas each): kill -9, broker and",
                "                     database faults under load, then a reconciliation (chaos --help, deploy/chaos/README.md)",
                "  help               this text",
                "",
                "Data, logs and state live under <project>/.crm/ and are kept between runs.",
                "Environment (defaults in brackets):",
                "  CRM_SERVICES           services to start, e.g. client-service,offer-service,console, or none [all four",
                "                         and the console]",
                "  CRM_HTTP_PORT          first service port; the services use it and the next three, the console the",
                "                         fifth [8081: 8081-8084, console 8085]",
                "  CRM_PG_PORT            PostgreSQL port [15432]",
                "  CRM_KAFKA_PORT         Kafka bootstrap port [19092]; CRM_KAFKA_CONTROLLER_PORT [bootstrap port + 1]",
                "  CRM_REPLICAS           processes of each service: N, service=N,... or both, e.g. 2,offer-service=3 [1]",
                "  CRM_PARTITIONS         partitions of each topic created [3]",
                "  CRM_START_TIMEOUT      seconds to wait for the services' readiness [120]",
                "  CRM_SERVICE_JVM_OPTS   JVM options of each service [-XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1]",
                "  CRM_KAFKA_JVM_OPTS     JVM options of the broker [-Xmx512m]",
                "  CRM_DEMO               off: never load the demo bank on up (as --no-demo)",
                "  CRM_DEMO_CLIENTS       clients of the demo bank up loads [" + DemoChoice.DEFAULT_CLIENTS + "]"));
    }

    /** What {@code up} does about the demo bank: load it (with so many clients) on the first start, or not. */
    record DemoChoice(boolean load, int clients, List<String> rest) {
        static final int DEFAULT_CLIENTS = 500;
        static final DemoChoice NONE = new DemoChoice(false, 0, List.of());

        static DemoChoice of(List<String> options, Map<String, String> env) {
            boolean load = !"off".equalsIgnoreCase(env.getOrDefault("CRM_DEMO", "").trim());
            int clients = DEFAULT_CLIENTS;
            String fromEnv = env.get("CRM_DEMO_CLIENTS");
            if (fromEnv != null && !fromEnv.isBlank()) {
                clients = positive("CRM_DEMO_CLIENTS", fromEnv);
            }
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < options.size(); i++) {
                String option = options.get(i);
                if (option.equals("--no-demo")) {
                    load = false;
                } else if (option.equals("--demo-clients")) {
                    if (i + 1 >= options.size()) {
                        throw new IllegalArgumentException("--demo-clients needs a number");
                    }
                    clients = positive("--demo-clients", options.get(++i));
                } else {
                    rest.add(option);
                }
            }
            return new DemoChoice(load, clients, rest);
        }

        private static int positive(String name, String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
        }
    }

    /**
     * On the first start, when client-service holds no client (the databases are empty), loads the demo bank
     * through the public APIs and topics and prints its summary. Needs all four services.
     */
    private void loadDemoOnFirstStart(Settings settings, DemoChoice demo) throws InterruptedException {
        if (!demo.load()) {
            return;
        }
        if (settings.distinctServices().size() < Settings.ALL_SERVICES.size()) {
            out.println("The demo bank needs all four services (CRM_SERVICES names fewer): not loaded.");
            return;
        }
        try {
            CrmApi.authorize(demoToken());
        } catch (IOException e) {
            throw new IllegalStateException("cannot sign a token for the demo bank: " + e.getMessage(), e);
        }
        CrmApi api = new CrmApi("localhost");
        long clients = DemoLoader.clientCount(api);
        if (clients > 0) {
            out.printf(Locale.ROOT, "client-service holds %,d clients: the demo bank is loaded only into an empty CRM "
                    + "(crm demo --summary shows what is there).%n", clients);
            return;
        }
        out.println();
        out.println("First start: loading the demo bank (--no-demo or CRM_DEMO=off skips it; crm demo --help for more).");
        DemoCommand.load(new DemoLoader.Options(demo.clients(), DemoCommand.DEFAULT_SEED, 4, "localhost",
                settings.bootstrapServers()), out);
        out.println();
        out.println("Try: deploy/local/crm demo --rate 20   (live touchpoints; watch scores and next best actions move)");
    }

    /** {@code crm demo ...}: needs a running CRM, except for --stats and --help. */
    private int demo(String[] options) throws IOException {
        List<String> given = List.of(options);
        boolean offline = given.isEmpty() || given.contains("--stats") || given.contains("--help") || given.contains("-h");
        if (!offline && stateFile.read().flatMap(State::liveSupervisor).isEmpty()) {
            out.println("crm: the CRM is not running; start it first: deploy/local/crm up --detach");
            return 1;
        }
        Map<String, String> demoEnv = new java.util.HashMap<>(env);
        demoEnv.putIfAbsent("CRM_KAFKA_PORT", Integer.toString(Settings.fromEnvironment(layout, env).kafkaPort()));
        if (!offline) {
            demoEnv.putIfAbsent("CRM_TOKEN", demoToken());
        }
        return DemoCommand.run(options, layout.root(), demoEnv, out);
    }

    private boolean refuseIfRunning() {
        return refuseIfRunning("crm: the CRM is already running (pid %d); crm status / crm down");
    }

    private boolean refuseIfRunning(String message) {
        Optional<Long> running = stateFile.read().flatMap(State::liveSupervisor).map(ProcessHandle::pid);
        running.ifPresent(pid -> out.println(String.format(message, pid)));
        return running.isPresent();
    }

    /** Leftovers of an earlier run stopped, service jars present, ports free; prints each problem and what to do. */
    private boolean preflight(Settings settings) {
        stopLeftovers(); // they may hold the very ports checked below
        List<String> problems = new ArrayList<>();
        List<String> built = new ArrayList<>();
        List<Settings.Service> distinct = settings.applications().stream().filter(s -> s.replica() == 1).toList();
        for (Settings.Service service : distinct) {
            Path jar = layout.serviceJar(service.name());
            if (Files.isRegularFile(jar)) {
                built.add(service.name());
            } else if (!Files.isDirectory(layout.root().resolve(service.name()))) {
                problems.add(service.name() + " is not in this checkout (no " + service.name() + "/ directory)");
            } else {
                problems.add("the jar of " + service.name() + " is missing: " + layout.root().relativize(jar));
            }
        }
        List<String> advice = new ArrayList<>();
        if (built.size() < distinct.size()) {
            advice.add("Build the project with: ./mvnw -B -DskipTests install   (in " + layout.root()
                    + "), or run: deploy/local/crm up --build");
            if (!built.isEmpty()) {
                advice.add("Or start only what is built: CRM_SERVICES=" + String.join(",", built) + " deploy/local/crm up");
            }
        }
        problems.addAll(Ports.describe(Ports.taken(settings.neededPorts())));
        if (problems.isEmpty()) {
            return true;
        }
        out.println("crm: cannot start the CRM:");
        problems.forEach(problem -> out.println("  - " + problem));
        advice.forEach(out::println);
        return false;
    }

    /**
     * A state file whose supervisor is gone comes from a run that ended without crm down (killed, machine
     * crash): stops the processes it recorded that still run, and removes the file. True when it stopped any.
     */
    private boolean stopLeftovers() {
        Optional<State> stale = stateFile.read().filter(s -> s.liveSupervisor().isEmpty());
        if (stale.isEmpty()) {
            return false;
        }
        List<String> order = new ArrayList<>(stale.get().components());
        Collections.reverse(order);
        boolean stopped = false;
        for (String component : order) {
            Optional<ProcessHandle> process = stale.get().liveProcess(component);
            if (process.isPresent()) {
                out.println("Stopping " + component + " (pid " + process.get().pid() + "), left over from an earlier run");
                Processes.stop(process.get(), LEFTOVER_STOP_GRACE);
                stopped = true;
            }
        }
        stateFile.delete();
        return stopped;
    }

    private boolean lockSupervisor() throws IOException {
        FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            return false;
        }
        supervisorLock = channel;
        return true;
    }

    private void printNewlyReady(State state, Set<String> shown) {
        for (String component : state.components()) {
            state.readyAfter(component)
                    .filter(took -> shown.add(component))
                    .ifPresent(took -> out.println(Stack.readyLine(component, took, state.detail(component))));
        }
    }

    private void printReady(State state, String footer) {
        long seconds = Math.max(0, (System.currentTimeMillis() - state.since()) / 1000);
        out.println();
        out.println("The CRM is up (started in " + seconds + " s).");
        out.println();
        Table table = new Table("component", "pid", "REST API", "Swagger UI", "OpenAPI", "metrics", "health");
        for (String component : state.components()) {
            String pid = Long.toString(state.pid(component).orElse(0));
            int port = state.port(component);
            if (component.equals(Settings.CONSOLE)) {
                table.row(component, pid, "http://localhost:" + port + "   (staff console: Customer 360)");
            } else if (isService(component)) {
                String base = "http://localhost:" + port;
                table.row(component, pid, base + "/api/v1", base + "/q/swagger-ui", base + "/q/openapi",
                        base + "/q/metrics", base + "/q/health");
            } else if (component.equals(Settings.KAFKA)) {
                table.row(component, pid, "127.0.0.1:" + port + " (Kafka bootstrap)");
            } else {
                table.row(component, pid, "jdbc:postgresql://127.0.0.1:" + port + "/<database>");
            }
        }
        table.print(out);
        out.println();
        int kafkaPort = state.port(Settings.KAFKA);
        int postgresPort = state.port(Settings.POSTGRES);
        out.println("  Kafka bootstrap  127.0.0.1:" + kafkaPort);
        out.println("  PostgreSQL       jdbc:postgresql://127.0.0.1:" + postgresPort + "/<database>   databases: "
                + String.join(", ", Settings.DATABASES) + "; user postgres, password postgres");
        if (state.components().contains(Settings.CONSOLE)) {
            out.println("  Console          http://localhost:" + state.port(Settings.CONSOLE)
                    + "   (staff console; development sign-in: choose a role, e.g. channel)");
        }
        out.println("  Logs             " + layout.logs() + "   (crm logs <component>)");
        out.println("  Data             " + layout.data() + "   (kept between runs; crm reset deletes it)");
        out.println("  Tokens           deploy/local/crm token <channel|analyst|marketing|admin|integration>   (every /api/v1 call needs one:");
        out.println("                   curl -H \"Authorization: Bearer $(deploy/local/crm token channel)\" ...)");
        if (state.components().stream().noneMatch(Crm::isService)) {
            out.println("  Services         none started (up --infra-only). Run one in dev mode against this infrastructure:");
            out.println("                   eval \"$(deploy/local/crm env client-service)\" && ./mvnw quarkus:dev -pl client-service");
            out.println("                   (CONTRIBUTING.md; crm token works against it: it trusts the launcher's key)");
        }
        out.println();
        out.println(footer);
    }

    /**
     * {@code crm env <service>}: the environment the launcher gives a service (ports, datasource, broker, the
     * development key and issuer), as shell {@code export} lines, so that a service in {@code ./mvnw quarkus:dev}
     * runs against the launcher's PostgreSQL and Kafka exactly as {@code crm up} would run it.
     */
    private int serviceEnvironment(List<String> options) throws IOException {
        List<String> names = new ArrayList<>(Settings.ALL_SERVICES.stream().map(Settings.Service::name).toList());
        names.add(Settings.CONSOLE);
        if (options.size() != 1 || !names.contains(options.get(0))) {
            out.println("usage: crm env <service>   services: " + String.join(", ", names));
            return 2;
        }
        Map<String, String> all = new java.util.HashMap<>(env);
        all.remove("CRM_SERVICES");
        Settings settings = Settings.fromEnvironment(layout, all);
        Settings.Service service = settings.applications().stream().filter(s -> s.name().equals(options.get(0))).findFirst()
                .orElseThrow();
        DevTokens tokens = new DevTokens(layout);
        if (tokens.ensureKeys()) {
            System.err.println("crm: generated the development key pair in " + tokens.publicKey().getParent());
        }
        new java.util.TreeMap<>(ServiceProcess.environment(settings, service))
                .forEach((name, value) -> out.println("export " + name + "='" + value.replace("'", "'\\''") + "'"));
        return 0;
    }

    /** The Quarkus processes: the four services and the console (health from /q/health/ready). */
    private static boolean isService(String component) {
        String service = Replicas.serviceOf(component);
        return service.equals(Settings.CONSOLE) || Settings.ALL_SERVICES.stream().anyMatch(s -> s.name().equals(service));
    }

    /** The packaged launcher jar, when running from it (not from classes, as in the tests). */
    static Optional<Path> launcherJar() {
        try {
            Path location = Path.of(Crm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The broker runs from the jars the launcher ships in target/lib (Maven copies them there). */
    static String brokerClasspath() {
        return launcherJar()
                .map(jar -> jar.resolveSibling("lib") + File.separator + "*")
                .orElse(System.getProperty("java.class.path"));
    }

    /** -Dcrm.root (the crm script sets it), else the project that holds deploy/local/target/crm-launcher.jar, else here. */
    static Path projectRoot() {
        String property = System.getProperty("crm.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return launcherJar()
                .map(jar -> jar.toAbsolutePath().getParent())   // target
                .map(Path::getParent)                           // local
                .map(Path::getParent)                           // deploy
                .map(Path::getParent)                           // the project
                .orElse(Path.of("").toAbsolutePath());
    }
}
