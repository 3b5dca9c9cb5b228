package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bankcrm.launcher.StateFile.Phase;
import org.bankcrm.launcher.StateFile.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path root;

    @Test
    void whatTheSupervisorWritesIsWhatTheOtherCommandsRead() throws IOException {
        StateFile file = new StateFile(root.resolve(".crm/run/crm.state"));
        State state = State.of(ProcessHandle.current())
                .started("postgres", ProcessHandle.current(), 15432)
                .ready("postgres", Duration.ofMillis(2500), "port 15432")
                .started("client-service", ProcessHandle.current(), 8081)
                .phase(Phase.READY);
        file.save(state);

        State read = file.read().orElseThrow();

        assertEquals(ProcessHandle.current().pid(), read.supervisorPid());
        assertTrue(read.liveSupervisor().isPresent());
        assertEquals(Phase.READY, read.phase());
        assertEquals(List.of("postgres", "client-service"), read.components());
        assertEquals(8081, read.port("client-service"));
        assertEquals(Duration.ofMillis(2500), read.readyAfter("postgres").orElseThrow());
        assertTrue(read.readyAfter("client-service").isEmpty());
        assertTrue(read.liveProcess("client-service").isPresent());
    }

    @Test
    void aStateWhoseSupervisorIsGoneIsStaleAndBlocksNothing() throws Exception {
        StateFile file = new StateFile(new Layout(root).stateFile());
        file.save(State.of(endedProcess()).phase(Phase.READY));

        assertTrue(file.read().orElseThrow().liveSupervisor().isEmpty());

        CommandOutput status = CommandOutput.run(root, Map.of(), "status");
        assertEquals(3, status.exitCode, status.toString());
        assertTrue(status.text.contains("The CRM is not running."), status.toString());

        CommandOutput down = CommandOutput.run(root, Map.of(), "down");
        assertEquals(0, down.exitCode, down.toString());
        assertTrue(down.text.contains("Nothing is running."), down.toString());
        assertFalse(Files.exists(file.path()), "down removes the stale state");
    }

    @Test
    void leftoverProcessesOfADeadSupervisorAreStoppedByDown() throws Exception {
        Process leftover = new ProcessBuilder("sleep", "60").start();
        StateFile file = new StateFile(new Layout(root).stateFile());
        file.save(State.of(endedProcess()).started("kafka", leftover.toHandle(), 19092));
        try {
            CommandOutput down = CommandOutput.run(root, Map.of(), "down");

            assertTrue(down.text.contains("Stopping kafka (pid " + leftover.pid() + "), left over from an earlier run"),
                    down.toString());
            assertTrue(Processes.awaitExit(leftover.toHandle(), Duration.ofSeconds(5)));
            assertFalse(Files.exists(file.path()));
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void aSecondUpWhileOneRunsSaysSoAndResetRefuses() throws IOException {
        Layout layout = new Layout(root);
        new StateFile(layout.stateFile()).save(State.of(ProcessHandle.current()).phase(Phase.READY));
        Files.createDirectories(layout.postgresData());

        CommandOutput up = CommandOutput.run(root, Map.of(), "up");
        assertEquals(1, up.exitCode, up.toString());
        assertTrue(up.text.contains("the CRM is already running (pid " + ProcessHandle.current().pid() + "); crm status / crm down"),
                up.toString());

        CommandOutput reset = CommandOutput.run(root, Map.of(), "reset");
        assertEquals(1, reset.exitCode, reset.toString());
        assertTrue(reset.text.contains("run crm down first"), reset.toString());
        assertTrue(Files.isDirectory(layout.postgresData()));
    }

    @Test
    void resetDeletesTheDataAndKeepsTheLogs() throws IOException {
        Layout layout = new Layout(root);
        layout.createDirectories();
        Files.writeString(layout.postgresData().resolve("PG_VERSION"), "14");
        Files.writeString(layout.log("kafka"), "a line");

        CommandOutput reset = CommandOutput.run(root, Map.of(), "reset");

        assertEquals(0, reset.exitCode, reset.toString());
        assertFalse(Files.exists(layout.data()));
        assertTrue(Files.exists(layout.log("kafka")));
    }

    private static ProcessHandle endedProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.toHandle();
    }
}
