package org.bankcrm.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the launcher keeps everything: {@code <root>/.crm/data}, {@code .crm/logs} and {@code .crm/run}; the services'
 * jars are those of the project at {@code root}. A program (the system tests) may put the files elsewhere ({@code home}).
 */
record Layout(Path root, Path home) {

    Layout {
        root = root.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
    }

    Layout(Path root) {
        this(root, root.resolve(".crm"));
    }

    Path data() {
        return home().resolve("data");
    }

    Path postgresData() {
        return data().resolve("postgres");
    }

    Path kafkaData() {
        return data().resolve("kafka");
    }

    Path logs() {
        return home().resolve("logs");
    }

    Path log(String component) {
        return logs().resolve(component + ".log");
    }

    /** Files the launcher regenerates on every start (broker config) and the supervisor's state and lock. */
    Path run() {
        return home().resolve("run");
    }

    Path stateFile() {
        return run().resolve("crm.state");
    }

    Path lockFile() {
        return run().resolve("supervisor.lock");
    }

    Path serviceJar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    void createDirectories() throws IOException {
        Files.createDirectories(postgresData());
        Files.createDirectories(kafkaData());
        Files.createDirectories(logs());
        Files.createDirectories(run());
    }
}
