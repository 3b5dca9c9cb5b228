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

    /**
     * Starts everything, {@code replicas} processes of each service ({@code CRM_REPLICAS}'s form: {@code "2"}, or
     * {@code "1,loyalty-service=2"}); the seconds until every service was ready.
     */
    double start(Duration timeout, String replicas) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path lib = root.resolve("deploy/local/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IOException(lib + " is missing: build the launcher first (./mvnw -DskipTests install)");
        }
        stack = Stack.onFreePortsWithReplicas(root, home, lib + java.io.File.separator + "*", timeout, System.out, replicas);
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
        // each service's replicas together (loyalty-service#2 counts as loyalty-service), then the broker and the postmaster
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        for (String component : stack.components()) {
            String service = component.contains("#") ? component.substring(0, component.indexOf('#')) : component;
            stack.process(component).ifPresent(p -> pids.computeIfAbsent(service, s -> new java.util.ArrayList<>()).add(p.pid()));
        }
        // Stack.processes(): the services in start order, then the broker, then the postmaster
        List<ProcessHandle> processes = stack.processes();
        int services = stack.components().size();
        if (processes.size() > services) {
            pids.put("kafka", List.of(processes.get(services).pid()));
        }
        if (processes.size() > services + 1) {
            pids.put("postgres", List.of(processes.get(services + 1).pid()));
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
