package org.bankcrm.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bankcrm.launcher.StateFile.Phase;

/**
 * The order of things: PostgreSQL (and its databases), then the Kafka broker (and its topics), then the
 * services; stopped in the reverse order. Every step is recorded in the state file for the other commands.
 *
 * <p>{@link #stop()} may run at any moment from a shutdown hook (Ctrl-C, crm down): starting a process and
 * stopping everything take the same lock, so nothing started can escape the stop.
 *
 * <p>Programs (the system tests) use the public part: {@link #onFreePorts}, {@link #launch()}, the addresses, {@link #bearerToken}, and
 * {@link #stop()} — the same start, order and stop as {@code crm up}, on ports of their own and in a directory of their own.
 */
public final class Stack {
    static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(15);
    static final Duration BROKER_STOP_GRACE = Duration.ofSeconds(30);
    static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);

    private final Settings settings;
    private final Layout layout;
    private final String brokerClasspath;
    private final StateFile stateFile;
    private final StateFile.State state;
    private final PrintStream out;
    private final DevTokens tokens;

    private Postgres postgres;
    private DatabaseProxy databaseProxy;
    private KafkaBroker kafka;
    private final List<ServiceProcess> services = new ArrayList<>();
    private boolean stopping;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<String> reportedExits = new HashSet<>();

    Stack(Settings settings, String brokerClasspath, StateFile stateFile, PrintStream out) {
        this.settings = settings;
        this.layout = settings.layout();
        this.brokerClasspath = brokerClasspath;
        this.stateFile = stateFile;
        this.state = StateFile.State.of(ProcessHandle.current());
        this.out = out;
        this.tokens = new DevTokens(layout);
    }

    /**
     * A whole CRM for a program: PostgreSQL, the broker and the four packaged services of the project at
     * {@code projectRoot} ({@code <service>/target/quarkus-app/quarkus-run.jar}), each on a port free now, with data,
     * logs and state under {@code home}. The broker JVM runs with {@code brokerClasspath} (it must hold the Kafka jars,
     * e.g. the caller's class path). Progress goes to {@code out}. Nothing is started before {@link #launch()}.
     */
    public static Stack onFreePorts(Path projectRoot, Path home, String brokerClasspath, Duration startTimeout,
            PrintStream out) throws IOException {
        return onFreePorts(projectRoot, home, brokerClasspath, startTimeout, out, false);
    }

    /**
     * As {@link #onFreePorts(Path, Path, String, Duration, PrintStream)}, with the staff console too ({@code
     * console/target/quarkus-app/quarkus-run.jar}, its development sign-in on): {@link #consoleUrl()} is its address.
     */
    public static Stack onFreePortsWithConsole(Path projectRoot, Path home, String brokerClasspath, Duration startTimeout,
            PrintStream out) throws IOException {
        return onFreePorts(projectRoot, home, brokerClasspath, startTimeout, out, true);
    }

    /**
     * As {@link #onFreePorts(Path, Path, String, Duration, PrintStream)}, with {@code replicas} processes of each service
     * (one consumer group per service, one database per service, as Kubernetes replicas): {@link #components()} names them.
     */
    public static Stack onFreePortsWithReplicas(Path projectRoot, Path home, String brokerClasspath, Duration startTimeout,
            PrintStream out, int replicas) throws IOException {
        return onFreePorts(projectRoot, home, brokerClasspath, startTimeout, out, false, new Replicas(replicas, Map.of()));
    }

    /**
     * As {@link #onFreePortsWithReplicas(Path, Path, String, Duration, PrintStream, int)}, with a count per service as
     * {@code CRM_REPLICAS} gives it: {@code "2"}, or {@code "1,loyalty-service=2"} (two of loyalty-service, one of the
     * others); a count out of range or an unknown service is an {@link IllegalArgumentException}.
     */
    public static Stack onFreePortsWithReplicas(Path projectRoot, Path home, String brokerClasspath, Duration startTimeout,
            PrintStream out, String replicas) throws IOException {
        return onFreePorts(projectRoot, home, brokerClasspath, startTimeout, out, false, Replicas.parse(replicas));
    }

    /** Service → its number of processes, for a {@code CRM_REPLICAS} value (see above); every service named. */
    public static Map<String, Integer> replicaCounts(String replicas) {
        Replicas parsed = Replicas.parse(replicas);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Settings.ALL_SERVICES.forEach(service -> counts.put(service.name(), parsed.of(service.name())));
        return counts;
    }

    private static Stack onFreePorts(Path projectRoot, Path home, String brokerClasspath, Duration startTimeout,
            PrintStream out, boolean withConsole) throws IOException {
        return onFreePorts(projectRoot, home, brokerClasspath, startTimeout, out, withConsole, Replicas.ONE);
    }

    private static Stack onFreePorts(Path projectRoot, Path home, String brokerClasspath, Duration startTimeout,
            PrintStream out, boolean withConsole, Replicas replicas) throws IOException {
        Layout layout = new Layout(projectRoot, home);
        List<String> needed = new ArrayList<>(Settings.ALL_SERVICES.stream().map(Settings.Service::name).toList());
        if (withConsole) {
            needed.add(Settings.CONSOLE);
        }
        for (String name : needed) {
            Path jar = layout.serviceJar(name);
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing: package the services first (./mvnw package)");
            }
        }
        Settings settings = Settings.onFreePorts(layout, startTimeout, withConsole, replicas);
        return new Stack(settings, brokerClasspath, new StateFile(layout.stateFile()), out);
    }

    /**
     * This stack, not started yet, with these system properties for every service process (e.g. a test's OpenTelemetry
     * exporter: {@code quarkus.otel.exporter.otlp.traces.endpoint}); they win over the services' configuration.
     */
    public Stack withServiceProperties(Map<String, String> properties) {
        List<String> options = properties.entrySet().stream().map(p -> "-D" + p.getKey() + "=" + p.getValue()).toList();
        return new Stack(settings.withServiceJvmOptions(options), brokerClasspath, stateFile, out);
    }

    /**
     * This stack, not started yet, with {@code serviceOptions} added to every service's JVM options and {@code kafkaOptions}
     * to the broker's (after the configured ones, so they win), e.g. a JIT setting for a faster start.
     */
    public Stack withJvmOptions(List<String> serviceOptions, List<String> kafkaOptions) {
        return new Stack(settings.withServiceJvmOptions(serviceOptions).withKafkaJvmOptions(kafkaOptions), brokerClasspath,
                stateFile, out);
    }

    /**
     * This stack, not started yet, with its services connecting to PostgreSQL through a TCP relay on a port free now, so
     * that {@link #refuseDatabaseConnections()} can make the database unreachable while it keeps running.
     */
    public Stack withDatabaseProxy() throws IOException {
        return new Stack(settings.withServicesDatabasePort(Ports.freePort()), brokerClasspath, stateFile, out);
    }

    /**
     * Starts everything and returns once every service is ready; when the start fails, stops what was started and
     * throws an {@link IllegalStateException} that says what failed with the last lines of the log that shows why.
     */
    public void launch() throws InterruptedException {
        try {
            start();
        } catch (StartupFailure failure) {
            StringBuilder message = new StringBuilder("the CRM did not start: " + failure.getMessage());
            failure.log().ifPresent(log -> {
                message.append("\nLast lines of ").append(log).append(':');
                Logs.tailOfLastRun(log, 40).forEach(line -> message.append("\n  | ").append(line));
            });
            fail(failure.getMessage());
            throw new IllegalStateException(message.toString(), failure);
        } catch (InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Base URL of a service, e.g. {@code http://localhost:41234} for {@code client-service}. */
    public String baseUrl(String service) {
        return settings.services().stream().filter(s -> s.name().equals(service)).findFirst()
                .map(Settings.Service::baseUrl)
                .orElseThrow(() -> new IllegalArgumentException("no service " + service));
    }

    /** The base URLs of all replicas of a service, replica 1 first. */
    public List<String> baseUrls(String service) {
        return settings.services().stream().filter(s -> s.name().equals(service)).map(Settings.Service::baseUrl).toList();
    }

    /** Each service process by its component name ({@code loyalty-service#2}, or the service's name when it runs alone). */
    public List<String> components() {
        return settings.services().stream().map(Settings.Service::component).toList();
    }

    /** The component's process, if it runs. */
    public synchronized Optional<ProcessHandle> process(String component) {
        return services.stream().filter(s -> s.name().equals(component) && s.process().isAlive())
                .map(s -> s.process().toHandle()).findFirst();
    }

    /**
     * SIGKILL to a component ({@code loyalty-service#2}) or to every replica of a service ({@code loyalty-service}), as a
     * crash would end it: no shutdown, no offsets committed, transactions cut. Returns the components killed.
     */
    public synchronized List<String> kill(String target) {
        List<String> targets = Replicas.targets(components(), target);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no service process '" + target + "'; components: " + String.join(", ", components()));
        }
        List<String> killed = new ArrayList<>();
        for (ServiceProcess service : services) {
            if (targets.contains(service.name()) && service.process().isAlive()) {
                service.kill();
                Processes.awaitExit(service.process().toHandle(), Duration.ofSeconds(10));
                reportedExits.add(service.name());
                state.stopped(service.name());
                killed.add(service.name());
            }
        }
        save();
        return killed;
    }

    /**
     * Starts a stopped component again ({@code loyalty-service#2}, or every stopped replica of a service) and waits until
     * it is ready (or the start timeout has passed: then it throws). Returns the components started.
     */
    public List<String> start(String target) throws InterruptedException {
        List<String> targets = Replicas.targets(components(), target);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no service process '" + target + "'; components: " + String.join(", ", components()));
        }
        List<ServiceProcess> started = new ArrayList<>();
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("the CRM is stopping");
            }
            for (int i = 0; i < services.size(); i++) {
                ServiceProcess old = services.get(i);
                if (!targets.contains(old.name()) || old.process().isAlive()) {
                    continue;
                }
                ServiceProcess again = new ServiceProcess(old.service(), layout.serviceJar(old.service().name()), old.log());
                try {
                    state.started(again.name(), again.start(settings).toHandle(), again.service().port());
                } catch (IOException e) {
                    throw new IllegalStateException("cannot start " + again.name() + ": " + e.getMessage(), e);
                }
                reportedExits.remove(again.name());
                services.set(i, again);
                started.add(again);
            }
            save();
        }
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        for (ServiceProcess service : started) {
            while (ServiceProcess.health(service.service().port()) != ServiceProcess.Health.UP) {
                if (!service.process().isAlive()) {
                    throw new IllegalStateException(service.name() + " stopped during start-up (exit code "
                            + service.process().exitValue() + "); see " + service.log());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.name() + " not ready after " + settings.startTimeout().toSeconds()
                            + " s; see " + service.log());
                }
                Thread.sleep(250);
            }
            ready(service.name(), service.sinceLaunch(), service.service().baseUrl());
        }
        return started.stream().map(ServiceProcess::name).toList();
    }

    /** SIGKILL to the Kafka broker, as a crash (no controlled shutdown); {@link #startBroker()} starts it again. */
    public synchronized void killBroker() {
        requireStarted(kafka, Settings.KAFKA).kill();
        state.stopped(Settings.KAFKA);
        save();
    }

    /** SIGTERM to the Kafka broker: a controlled shutdown (killed after 30 s). True when it ended by itself. */
    public boolean stopBroker() {
        KafkaBroker broker;
        synchronized (this) {
            broker = requireStarted(kafka, Settings.KAFKA);
        }
        boolean clean = broker.stop(BROKER_STOP_GRACE);
        synchronized (this) {
            state.stopped(Settings.KAFKA);
            save();
        }
        return clean;
    }

    /** Starts the broker again on its port and log directory; returns once it answers (or throws). */
    public void startBroker() throws InterruptedException {
        KafkaBroker broker;
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("the CRM is stopping");
            }
            broker = requireStarted(kafka, Settings.KAFKA);
            try {
                state.started(Settings.KAFKA, broker.start().toHandle(), settings.kafkaPort());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the Kafka broker: " + e.getMessage(), e);
            }
            save();
        }
        try {
            broker.awaitReady(BROKER_START_TIMEOUT);
        } catch (StartupFailure e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Shuts PostgreSQL down ({@code pg_ctl stop -m fast}, or {@code -m immediate}: the server quits at once, as a crash,
     * and recovers from its WAL on the next start); {@link #startDatabase()} starts it again.
     */
    public void stopDatabase(boolean immediate) throws InterruptedException {
        Postgres server;
        synchronized (this) {
            server = requireStarted(postgres, Settings.POSTGRES);
        }
        try {
            server.shutdown(immediate);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        synchronized (this) {
            state.stopped(Settings.POSTGRES);
            save();
        }
    }

    /** Starts PostgreSQL again on its port and data directory, with the options of the first start; returns once it answers. */
    public void startDatabase() throws InterruptedException {
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("the CRM is stopping");
            }
            Postgres server = requireStarted(postgres, Settings.POSTGRES);
            try {
                server.restart();
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            server.postmaster().ifPresent(p -> state.started(Settings.POSTGRES, p, settings.postgresPort()));
            save();
        }
    }

    /** With {@link #withDatabaseProxy()}: the services' connections to PostgreSQL are cut and new ones refused. */
    public synchronized void refuseDatabaseConnections() {
        requireStarted(databaseProxy, "the database proxy (withDatabaseProxy)").refuse();
    }

    /** With {@link #withDatabaseProxy()}: the services reach PostgreSQL again. */
    public synchronized void acceptDatabaseConnections() {
        try {
            requireStarted(databaseProxy, "the database proxy (withDatabaseProxy)").accept();
        } catch (IOException e) {
            throw new IllegalStateException("the database proxy cannot listen again: " + e.getMessage(), e);
        }
    }

    private static <T> T requireStarted(T component, String name) {
        if (component == null) {
            throw new IllegalStateException(name + " is not started");
        }
        return component;
    }

    /** The staff console's address, e.g. {@code http://localhost:8085}, when this stack runs it. */
    public Optional<String> consoleUrl() {
        return settings.consoleService().map(Settings.Service::baseUrl);
    }

    /**
     * A bearer token for the given roles ({@code channel}, {@code analyst}, {@code marketing}, {@code admin},
     * {@code integration}), valid for a day and signed with this CRM's development key: send it as
     * {@code Authorization: Bearer <token>}.
     */
    public String bearerToken(String... roles) {
        try {
            return tokens.token(DevTokens.DAY, roles);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The services' names, in start order. */
    public List<String> serviceNames() {
        return settings.distinctServices().stream().map(Settings.Service::name).toList();
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** The databases, one per service: service name → database name. */
    public Map<String, String> databases() {
        Map<String, String> databases = new LinkedHashMap<>();
        settings.services().forEach(s -> databases.put(s.name(), s.database()));
        return databases;
    }

    /** JDBC URL of one database (user and password {@link #DB_USER}). */
    public String jdbcUrl(String database) {
        return settings.jdbcUrl(database);
    }

    public static final String DB_USER = Settings.DB_USER;
    public static final String DB_PASSWORD = Settings.DB_PASSWORD;

    /** Component (each service, kafka, postgres) → its log file. */
    public Map<String, Path> logs() {
        Map<String, Path> logs = new LinkedHashMap<>();
        settings.applications().forEach(s -> logs.put(s.component(), layout.log(s.component())));
        logs.put(Settings.KAFKA, layout.log(Settings.KAFKA));
        logs.put(Settings.POSTGRES, layout.log(Settings.POSTGRES));
        return logs;
    }

    /** The pids of the component processes started (services, broker, postmaster), for a check that none outlives {@link #stop()}. */
    public synchronized List<ProcessHandle> processes() {
        List<ProcessHandle> processes = new ArrayList<>();
        services.forEach(s -> processes.add(s.process().toHandle()));
        state.liveProcess(Settings.KAFKA).ifPresent(processes::add);
        if (postgres != null) {
            postgres.postmaster().ifPresent(processes::add);
        }
        return processes;
    }

    StateFile.State state() {
        return state;
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    void start() throws StartupFailure, InterruptedException {
        try {
            layout.createDirectories();
        } catch (IOException e) {
            throw new StartupFailure("cannot create " + layout.home() + ": " + e.getMessage(), null, e);
        }
        save();
        out.println("Starting the CRM (data in " + layout.data() + ", logs in " + layout.logs() + ")");
        try {
            if (tokens.ensureKeys()) {
                out.println("  generated the development key pair for bearer tokens in " + tokens.publicKey().getParent()
                        + " (crm token <role> prints a token)");
            }
        } catch (IOException e) {
            throw new StartupFailure("cannot create the development key pair: " + e.getMessage(), null, e);
        }
        startPostgres();
        startKafka();
        startServices();
        state.phase(Phase.READY);
        save();
    }

    private void startPostgres() throws StartupFailure {
        long began = System.nanoTime();
        Path log = layout.log(Settings.POSTGRES);
        synchronized (this) {
            abortIfStopping();
            postgres = new Postgres(layout.postgresData(), settings.postgresPort(), log);
            try {
                postgres.start();
            } catch (IOException | RuntimeException e) {
                throw new StartupFailure("PostgreSQL did not start: " + e.getMessage(), log, e);
            }
        }
        ProcessHandle postmaster = postgres.postmaster()
                .orElseThrow(() -> new StartupFailure("PostgreSQL started but its postmaster.pid is missing", log));
        state.started(Settings.POSTGRES, postmaster, settings.postgresPort());
        if (settings.servicesDatabasePort() != settings.postgresPort()) {
            synchronized (this) {
                databaseProxy = new DatabaseProxy(settings.servicesDatabasePort(), settings.postgresPort());
                try {
                    databaseProxy.accept();
                } catch (IOException e) {
                    throw new StartupFailure("the database proxy cannot listen on port " + settings.servicesDatabasePort()
                            + ": " + e.getMessage(), log, e);
                }
            }
        }
        List<String> created;
        try {
            created = postgres.ensureDatabases(Settings.DATABASES);
        } catch (SQLException e) {
            throw new StartupFailure("cannot create the databases: " + e.getMessage(), log, e);
        }
        ready(Settings.POSTGRES, Duration.ofNanos(System.nanoTime() - began), "port " + settings.postgresPort()
                + ", databases " + String.join(", ", Settings.DATABASES)
                + (created.isEmpty() ? "" : " (created " + String.join(", ", created) + ")"));
    }

    private void startKafka() throws StartupFailure, InterruptedException {
        long began = System.nanoTime();
        Path log = layout.log(Settings.KAFKA);
        KafkaBroker broker = new KafkaBroker(layout.kafkaData(), layout.run(), log, settings.kafkaPort(),
                settings.controllerPort(), settings.partitions(), brokerClasspath, settings.kafkaJvmOptions());
        boolean formatted;
        try {
            broker.writeConfig();
            formatted = broker.formatIfNeeded();
        } catch (IOException e) {
            throw new StartupFailure(e.getMessage(), log, e);
        }
        synchronized (this) {
            abortIfStopping();
            kafka = broker;
            try {
                state.started(Settings.KAFKA, broker.start().toHandle(), settings.kafkaPort());
            } catch (IOException e) {
                throw new StartupFailure("cannot start the Kafka broker: " + e.getMessage(), log, e);
            }
        }
        save();
        broker.awaitReady(BROKER_START_TIMEOUT);
        List<String> created;
        try {
            created = broker.ensureTopics(Settings.topics(), settings.partitions());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new StartupFailure("cannot create the topics: " + e.getMessage(), log, e);
        }
        ready(Settings.KAFKA, Duration.ofNanos(System.nanoTime() - began), "port " + settings.kafkaPort()
                + ", " + Settings.topics().size() + " topics"
                + (created.isEmpty() ? "" : " (created " + created.size() + " with " + settings.partitions() + " partitions)")
                + (formatted ? ", new log directory" : ""));
    }

    private void startServices() throws StartupFailure, InterruptedException {
        synchronized (this) {
            abortIfStopping();
            for (Settings.Service service : settings.applications()) {
                ServiceProcess process = new ServiceProcess(service, layout.serviceJar(service.name()),
                        layout.log(service.component()));
                try {
                    state.started(service.component(), process.start(settings).toHandle(), service.port());
                } catch (IOException e) {
                    throw new StartupFailure("cannot start " + service.component() + ": " + e.getMessage(), process.log(), e);
                }
                services.add(process);
            }
        }
        save();
        Set<ServiceProcess> pending = new LinkedHashSet<>(services);
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (!pending.isEmpty()) {
            for (ServiceProcess service : List.copyOf(pending)) {
                Process process = service.process();
                if (!process.isAlive()) {
                    throw new StartupFailure(service.name() + " stopped during start-up (exit code " + process.exitValue() + ")",
                            service.log());
                }
                if (ServiceProcess.health(service.service().port()) == ServiceProcess.Health.UP) {
                    pending.remove(service);
                    ready(service.name(), service.sinceLaunch(), service.service().baseUrl());
                }
            }
            if (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    ServiceProcess late = pending.iterator().next();
                    throw new StartupFailure(names(pending) + " not ready after " + settings.startTimeout().toSeconds()
                            + " s (/q/health/ready; CRM_START_TIMEOUT sets the limit)", late.log());
                }
                Thread.sleep(500);
            }
        }
    }

    /** Records why the start failed (the detached `crm up` reads it), then stops what was started. */
    void fail(String reason) {
        state.failed(reason);
        save();
        stop();
    }

    /** Stops the services, then the broker, then PostgreSQL, saying what it stops. Safe to call more than once. */
    public synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        boolean failed = state.phase() == Phase.FAILED;
        if (!failed) {
            state.phase(Phase.STOPPING);
        }
        save();
        boolean anything = postgres != null || kafka != null || !services.isEmpty();
        if (anything) {
            out.println("Stopping the CRM");
        }
        long began = System.nanoTime();
        services.forEach(ServiceProcess::signalStop);
        for (ServiceProcess service : services) {
            boolean clean = service.awaitStop(SERVICE_STOP_GRACE);
            stopped(service.name(), began, clean, SERVICE_STOP_GRACE);
        }
        if (databaseProxy != null) {
            databaseProxy.close();
        }
        if (kafka != null) {
            began = System.nanoTime();
            stopped(Settings.KAFKA, began, kafka.stop(BROKER_STOP_GRACE), BROKER_STOP_GRACE);
        }
        if (postgres != null) {
            began = System.nanoTime();
            try {
                postgres.stop();
                stopped(Settings.POSTGRES, began, true, null);
            } catch (IOException | RuntimeException e) {
                out.println("  " + pad(Settings.POSTGRES) + "did not stop cleanly: " + e.getMessage());
            }
        }
        if (failed) {
            save();
        } else {
            stateFile.delete();
        }
        if (anything) {
            out.println("The CRM is stopped.");
        }
        stopped.countDown();
    }

    /** After a successful start: waits until {@link #stop()} has run, reporting any component that ends on its own. */
    void superviseUntilStopped() throws InterruptedException {
        while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
            reportUnexpectedExits();
            startRequested();
        }
    }

    /** {@code crm start <component>} (another process) asks by a file under .crm/run/start-requests; started here. */
    private void startRequested() {
        List<String> requested = StartRequests.take(layout);
        for (String component : requested) {
            Thread starting = new Thread(() -> {
                try {
                    List<String> started = start(component);
                    if (started.isEmpty()) {
                        out.println("crm start " + component + ": it runs already");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    out.println("crm start " + component + " failed: " + e.getMessage());
                }
            }, "crm-start-" + component);
            starting.setDaemon(true);
            starting.start();
        }
    }

    private synchronized void reportUnexpectedExits() {
        if (stopping) {
            return;
        }
        for (ServiceProcess service : services) {
            if (!service.process().isAlive()) {
                reportExit(service.name(), "exit code " + service.process().exitValue(), service.log());
            }
        }
        if (kafka != null && !state.liveProcess(Settings.KAFKA).isPresent()) {
            reportExit(Settings.KAFKA, "the broker process ended", layout.log(Settings.KAFKA));
        }
        if (postgres != null && postgres.postmaster().isEmpty()) {
            reportExit(Settings.POSTGRES, "the server process ended", layout.log(Settings.POSTGRES));
        }
    }

    private void reportExit(String component, String how, Path log) {
        if (!reportedExits.add(component)) {
            return;
        }
        out.println(component + " stopped unexpectedly (" + how + "); the others keep running. Last lines of " + log + ":");
        Logs.tailOfLastRun(log, 30).forEach(line -> out.println("  | " + line));
        state.stopped(component);
        save();
    }

    static String readyLine(String component, Duration took, String detail) {
        return String.format(Locale.ROOT, "  %s ready in %5.1f s   %s", pad(component), took.toMillis() / 1000.0, detail);
    }

    private void ready(String component, Duration took, String detail) {
        synchronized (this) {
            if (stopping) {
                return; // Ctrl-C came while this component was getting ready: the stop report says the rest
            }
            state.ready(component, took, detail);
        }
        save();
        out.println(readyLine(component, took, detail));
    }

    private void stopped(String component, long began, boolean clean, Duration grace) {
        state.stopped(component);
        save();
        double seconds = (System.nanoTime() - began) / 1e9;
        out.println(clean
                ? String.format(Locale.ROOT, "  %s stopped in %4.1f s", pad(component), seconds)
                : "  " + pad(component) + "killed: it did not stop within " + grace.toSeconds() + " s");
    }

    private void abortIfStopping() throws StartupFailure {
        if (stopping) {
            throw new StartupFailure("stopped during start-up", null);
        }
    }

    private void save() {
        try {
            stateFile.save(state);
        } catch (IOException e) {
            out.println("crm: cannot write " + stateFile.path() + ": " + e.getMessage());
        }
    }

    private static String pad(String component) {
        return String.format("%-20s", component);
    }

    private static String names(Set<ServiceProcess> services) {
        return String.join(", ", services.stream().map(ServiceProcess::name).toList());
    }
}
