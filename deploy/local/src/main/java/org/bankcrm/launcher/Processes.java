package org.bankcrm.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** How child processes are started, found again by pid from another launcher run, and stopped. */
final class Processes {
    private Processes() {
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs the command in its own session (setsid), so that Ctrl-C in the terminal reaches only the launcher,
     * which stops the children in order; otherwise every child would get the SIGINT at the same moment, and a
     * terminal hang-up would take a detached stack down with it. setsid execs in place, so the pid stays the same.
     */
    static List<String> inOwnSession(List<String> command) {
        Optional<Path> setsid = Stream.of("/usr/bin/setsid", "/bin/setsid")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
        if (setsid.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(setsid.get().toString());
        wrapped.addAll(command);
        return wrapped;
    }

    static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * The live process with this pid, if it is the one that started at {@code startMillis} (0: unknown):
     * pids are reused, and a pid file from last week must not make us signal a stranger.
     */
    static Optional<ProcessHandle> find(long pid, long startMillis) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(Processes::isRunning)
                .filter(p -> startMillis == 0 || startMillis(p) == 0 || Math.abs(startMillis(p) - startMillis) < 2000);
    }

    /** SIGTERM, then SIGKILL once the grace period is over. True when the process ended within the grace period. */
    static boolean stop(ProcessHandle process, Duration grace) {
        if (!isRunning(process)) {
            return true;
        }
        process.destroy();
        if (awaitExit(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(5));
        return false;
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie: a daemonised process (the postmaster) that has ended stays a zombie until init reaps
     * it, which some container inits do late, and ProcessHandle counts zombies as alive.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return process.isAlive(); // no /proc (macOS) or gone meanwhile
        }
    }
}
