package org.bankcrm.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What the supervisor (the process that runs {@code crm up}, in the foreground or detached) tells the other
 * commands: its pid, the phase of the start, and each component's pid, port and readiness. A properties file
 * under .crm/run, replaced atomically on every change so a reader never sees half of it.
 */
final class StateFile {

    enum Phase { STARTING, READY, STOPPING, FAILED }

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    Optional<State> read() {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            values.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return values.containsKey("supervisor.pid") ? Optional.of(new State(values)) : Optional.empty();
    }

    synchronized void save(State state) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(tmp)) {
            state.snapshot().store(writer, "written by the CRM launcher; do not edit");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file is treated as stale by the next command
        }
    }

    /** A snapshot of the stack, or the supervisor's live record of it. */
    static final class State {
        private final Properties values;

        private State(Properties values) {
            this.values = values;
        }

        static State of(ProcessHandle supervisor) {
            Properties values = new Properties();
            values.setProperty("supervisor.pid", Long.toString(supervisor.pid()));
            values.setProperty("supervisor.started", Long.toString(Processes.startMillis(supervisor)));
            values.setProperty("phase", Phase.STARTING.name());
            values.setProperty("since", Long.toString(System.currentTimeMillis()));
            values.setProperty("components", "");
            return new State(values);
        }

        synchronized Properties snapshot() {
            Properties copy = new Properties();
            copy.putAll(values);
            return copy;
        }

        long supervisorPid() {
            return longValue("supervisor.pid");
        }

        /** The supervisor, if it still runs; a state whose supervisor is gone is stale. */
        Optional<ProcessHandle> liveSupervisor() {
            return Processes.find(supervisorPid(), longValue("supervisor.started"));
        }

        /** When the start began (epoch millis). */
        long since() {
            return longValue("since");
        }

        synchronized Phase phase() {
            try {
                return Phase.valueOf(values.getProperty("phase", "STARTING"));
            } catch (IllegalArgumentException e) {
                return Phase.STARTING;
            }
        }

        synchronized State phase(Phase phase) {
            values.setProperty("phase", phase.name());
            return this;
        }

        synchronized State failed(String reason) {
            values.setProperty("phase", Phase.FAILED.name());
            values.setProperty("failure", reason);
            return this;
        }

        Optional<String> failure() {
            return Optional.ofNullable(values.getProperty("failure"));
        }

        /** Components in the order they were started. */
        synchronized List<String> components() {
            String list = values.getProperty("components", "");
            return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
        }

        synchronized State started(String component, ProcessHandle process, int port) {
            List<String> components = new ArrayList<>(components());
            if (!components.contains(component)) {
                components.add(component);
            }
            values.setProperty("components", String.join(",", components));
            values.setProperty(component + ".pid", Long.toString(process.pid()));
            values.setProperty(component + ".started", Long.toString(Processes.startMillis(process)));
            values.setProperty(component + ".port", Integer.toString(port));
            // started again (crm start): not stopped, not ready yet
            values.remove(component + ".stopped");
            values.remove(component + ".readyMillis");
            values.remove(component + ".detail");
            return this;
        }

        synchronized State ready(String component, Duration took, String detail) {
            values.setProperty(component + ".readyMillis", Long.toString(took.toMillis()));
            values.setProperty(component + ".detail", detail);
            return this;
        }

        synchronized State stopped(String component) {
            values.setProperty(component + ".stopped", "true");
            return this;
        }

        OptionalLong pid(String component) {
            long pid = longValue(component + ".pid");
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        }

        int port(String component) {
            return (int) longValue(component + ".port");
        }

        Optional<Duration> readyAfter(String component) {
            String millis = values.getProperty(component + ".readyMillis");
            return millis == null ? Optional.empty() : Optional.of(Duration.ofMillis(Long.parseLong(millis)));
        }

        String detail(String component) {
            return values.getProperty(component + ".detail", "");
        }

        boolean isStopped(String component) {
            return Boolean.parseBoolean(values.getProperty(component + ".stopped"));
        }

        /** The component's process, if it still runs (and is the same process, not a reused pid). */
        Optional<ProcessHandle> liveProcess(String component) {
            return Processes.find(longValue(component + ".pid"), longValue(component + ".started"));
        }

        private long longValue(String key) {
            try {
                return Long.parseLong(values.getProperty(key, "0"));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
