package org.bankcrm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bankcrm.launcher.Stack;

/**
 * Starts the CRM for the bench with the local launcher's own code ({@link Stack}), exactly as {@code crm up} does —
 * PostgreSQL, the broker, the four packaged services, in that order — but on free ports and with its data under the
 * run's directory, so a run never touches the data of the CRM a user runs with {@code crm up}. Timed: that is the
 * stack's start-up figure.
 */
final class StackControl implements AutoCloseable {
    private final Path root;
    private final Path home;
    private Stack stack;

    StackControl(Path root, Path home) {
        this.root = root;
        this.home = home;
    }

    /** Starts everything; the seconds until every service was ready. */
    double start(Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path lib = root.resolve("deploy/local/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IOException(lib + " is missing: build the launcher first (./mvnw -DskipTests install)");
        }
        stack = Stack.onFreePorts(root, home, lib + java.io.File.separator + "*", timeout, System.out);
        // Ctrl-C or a kill stops the stack too, not only the end of the run
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "crm-bench-stop"));
        long began = System.nanoTime();
        stack.launch();
        return Math.round((System.nanoTime() - began) / 1e8) / 10.0;
    }

    /** The running stack's addresses and processes, for the measurements. */
    StackState state() {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String service : stack.serviceNames()) {
            urls.put(service, stack.baseUrl(service));
        }
        // Stack.processes(): the services in start order, then the broker, then the postmaster
        List<ProcessHandle> processes = stack.processes();
        List<String> names = new java.util.ArrayList<>(stack.serviceNames());
        names.add("kafka");
        names.add("postgres");
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(names.size(), processes.size()); i++) {
            pids.put(names.get(i), processes.get(i).pid());
        }
        String clientDb = stack.jdbcUrl(stack.databases().get("client-service"));
        String serverUrl = clientDb.substring(0, clientDb.lastIndexOf('/'));
        String token = stack.bearerToken("channel", "integration", "analyst", "marketing", "admin");
        return new StackState(pids, urls, stack.bootstrapServers(), serverUrl, token);
    }

    synchronized Map<String, Path> logs() {
        return stack == null ? Map.of() : stack.logs();
    }

    @Override
    public synchronized void close() {
        if (stack != null) {
            stack.stop();
            stack = null;
        }
    }
}
