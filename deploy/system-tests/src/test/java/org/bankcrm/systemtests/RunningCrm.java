package org.bankcrm.systemtests;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bankcrm.launcher.Stack;

/**
 * The whole CRM as {@code crm up} runs it — PostgreSQL, one Kafka broker and the four packaged services, each its own
 * process — started through the launcher's {@link Stack} on free ports, with its data and logs under
 * {@code deploy/system-tests/target/crm} (kept after the run for a look at the logs).
 */
final class RunningCrm implements AutoCloseable {
    static final String CLIENT = "client-service";
    static final String INTERACTION = "interaction-service";
    static final String LOYALTY = "loyalty-service";
    static final String OFFER = "offer-service";

    private final Stack stack;
    private final Path home;
    private final OtlpReceiver traces;
    private final Thread shutdownHook;
    private List<ProcessHandle> processes = List.of();

    private RunningCrm(Stack stack, Path home, OtlpReceiver traces) {
        this.stack = stack;
        this.home = home;
        this.traces = traces;
        this.shutdownHook = new Thread(stack::stop, "system-tests-stop-crm");
    }

    /** Starts everything and returns when every service answers ready; stops what it started if that fails. */
    static RunningCrm start() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("crm.project.root", "../..")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("crm.system-tests.home", "target/crm")).toAbsolutePath().normalize();
        deleteRecursively(home); // a fresh CRM: no data of an earlier run
        Files.createDirectories(home);
        // the broker JVM runs from our class path, which holds the launcher's Kafka jars
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        PrintStream out = System.out;
        // the services export the spans of sampled traces here (only a request that asks for it is sampled: the
        // tracing scenario's; the others are propagated, not recorded, as on a developer's machine)
        OtlpReceiver traces = new OtlpReceiver();
        Stack stack = Stack.onFreePorts(root, home, classpath, Duration.ofSeconds(240), out)
                .withServiceProperties(traces.exporterProperties());
        RunningCrm crm = new RunningCrm(stack, home, traces);
        Runtime.getRuntime().addShutdownHook(crm.shutdownHook); // the fork killed (time-out, Ctrl-C): no orphans
        long began = System.nanoTime();
        stack.launch();
        crm.processes = stack.processes();
        // every call of the tests acts as the whole bank: a token (signed with the stack's development key) with every role
        Http.authorize(stack.bearerToken("channel", "analyst", "marketing", "admin", "integration"));
        System.out.printf("[system-tests] the CRM is ready in %.1f s (logs in %s)%n", (System.nanoTime() - began) / 1e9,
                home.resolve("logs"));
        return crm;
    }

    /** A bearer token with only the given roles, for calls that check what a role may do. */
    String token(String... roles) {
        return stack.bearerToken(roles);
    }

    String url(String service, String path) {
        return stack.baseUrl(service) + path;
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    /** service name → JDBC URL of its database. */
    Map<String, String> jdbcUrls() {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        stack.databases().forEach((service, database) -> urls.put(service, stack.jdbcUrl(database)));
        return urls;
    }

    String dbUser() {
        return Stack.DB_USER;
    }

    String dbPassword() {
        return Stack.DB_PASSWORD;
    }

    Path home() {
        return home;
    }

    /** component (the four services, kafka, postgres) → its log file. */
    Map<String, Path> logs() {
        return stack.logs();
    }

    /** The last lines of every component's log, for a failure report. */
    void dumpLogs(PrintStream out, int lines) {
        out.println("[system-tests] ===== last " + lines + " lines of each component's log (all of them under "
                + home.resolve("logs") + ") =====");
        stack.logs().forEach((component, log) -> {
            out.println("----- " + component + " (" + log + ") -----");
            tail(log, lines).forEach(line -> out.println("  | " + line));
        });
    }

    /** The spans the services exported so far (OTLP). */
    List<OtlpReceiver.Span> spans() {
        return traces.spans();
    }

    /** Why the OTLP receiver last refused an export ("none" if it never did). */
    String tracesRefused() {
        return traces.lastError();
    }

    /** Stops services, broker and PostgreSQL (as crm down does) and checks that none of their processes is left. */
    @Override
    public void close() {
        stack.stop();
        traces.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
        for (ProcessHandle process : processes) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (process.isAlive() && System.nanoTime() < deadline && !isZombie(process)) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (process.isAlive() && !isZombie(process)) {
                throw new IllegalStateException("process " + process.pid() + " of the CRM outlived the stop");
            }
        }
    }

    private static boolean isZombie(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return state.startsWith("Z") || state.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static List<String> tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return List.of("(no log)");
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - 512 * 1024);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
