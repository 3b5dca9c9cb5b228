package org.bankcrm.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts and stops the CRM through the local launcher ({@code deploy/local/crm}), so that the bench measures the stack
 * exactly as a user runs it: a reset first (the bench's figures are for a known population), then {@code up --detach},
 * timed, then the demo bank; {@code down} at the end.
 */
final class StackControl {
    private final Path root;
    private boolean started;

    StackControl(Path root) {
        this.root = root;
    }

    /** Stops a running CRM, deletes its data, starts it again; the start-up time in seconds. */
    double resetAndStart() throws IOException, InterruptedException {
        crm(false, "down");
        crm(true, "reset");
        long began = System.nanoTime();
        crm(true, "up", "--detach", "--no-demo");
        started = true;
        return Math.round((System.nanoTime() - began) / 1e8) / 10.0;
    }

    /** Loads the demo bank of {@code clients} clients; the time it took in seconds. */
    double loadDemo(int clients, long seed) throws IOException, InterruptedException {
        long began = System.nanoTime();
        crm(true, "demo", "--load", "--clients", Integer.toString(clients), "--seed", Long.toString(seed));
        return Math.round((System.nanoTime() - began) / 1e8) / 10.0;
    }

    void stop() throws IOException, InterruptedException {
        if (started) {
            crm(false, "down");
        }
    }

    private void crm(boolean mustSucceed, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("deploy/local/crm").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
        int status = process.waitFor();
        if (mustSucceed && status != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + status);
        }
    }
}
