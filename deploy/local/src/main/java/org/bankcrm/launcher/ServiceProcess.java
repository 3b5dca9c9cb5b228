package org.bankcrm.launcher;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One of the four Quarkus services, run as {@code java -jar <service>/target/quarkus-app/quarkus-run.jar}. */
final class ServiceProcess {

    enum Health { UP, DOWN, NO_ANSWER }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final Settings.Service service;
    private final Path jar;
    private final Path log;
    private Process process;
    private long launchedAt;

    ServiceProcess(Settings.Service service, Path jar, Path log) {
        this.service = service;
        this.jar = jar;
        this.log = log;
    }

    Settings.Service service() {
        return service;
    }

    /** The component: the service's name, or {@code name#i} for replica i of several. */
    String name() {
        return service.component();
    }

    Path log() {
        return log;
    }

    Process process() {
        return process;
    }

    Duration sinceLaunch() {
        return Duration.ofNanos(System.nanoTime() - launchedAt);
    }

    Process start(Settings settings) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Processes.javaBinary());
        command.addAll(settings.serviceJvmOptions());
        command.add("-Dcrm.component=" + service.component());
        command.add("-jar");
        command.add(jar.toString());

        ProcessBuilder builder = new ProcessBuilder(Processes.inOwnSession(command))
                .directory(settings.layout().root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment(settings, service));
        Logs.startRun(log, service.component() + " on port " + service.port());
        launchedAt = System.nanoTime();
        process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    static Map<String, String> environment(Settings settings, Settings.Service service) {
        if (service.name().equals(Settings.CONSOLE)) {
            return consoleEnvironment(settings, service);
        }
        return Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(service.port()),
                "QUARKUS_DATASOURCE_REACTIVE_URL", settings.serviceReactiveUrl(service.database()),
                "QUARKUS_DATASOURCE_JDBC_URL", settings.serviceJdbcUrl(service.database()),
                "QUARKUS_DATASOURCE_USERNAME", Settings.DB_USER,
                "QUARKUS_DATASOURCE_PASSWORD", Settings.DB_PASSWORD,
                "KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers(),
                // bearer tokens: the launcher's development key pair and issuer (DevTokens), as a bank's identity provider
                "MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER,
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + new DevTokens(settings.layout()).publicKey(),
                // the production profile logs JSON for a cluster's collector; here a person reads the logs (crm logs)
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false",
                // as the container image sets it: glibc keeps two malloc arenas, not one per core and thread
                "MALLOC_ARENA_MAX", "2");
    }

    /**
     * The staff console: its port, where each service answers, and the development key, which switches its development
     * sign-in on (it mints tokens for the chosen roles with the key {@code crm token} uses).
     */
    static Map<String, String> consoleEnvironment(Settings settings, Settings.Service console) {
        Map<String, String> env = new java.util.TreeMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(console.port()));
        for (Settings.Service service : settings.distinctServices()) {
            env.put("QUARKUS_REST_CLIENT_" + service.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL",
                    "http://127.0.0.1:" + service.port());
        }
        env.put("CONSOLE_DEV_SIGN_IN_PRIVATE_KEY", new DevTokens(settings.layout()).privateKey().toString());
        env.put("MALLOC_ARENA_MAX", "2");
        return env;
    }

    /** Asks {@code /q/health/ready}: 200 is UP, any other answer DOWN. */
    static Health health(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? Health.UP : Health.DOWN;
        } catch (IOException e) {
            return Health.NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.NO_ANSWER;
        }
    }

    /** Sends SIGKILL (a crash, as {@code kill -9}) without waiting. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** Sends SIGTERM (Quarkus shuts down gracefully on it) without waiting. */
    void signalStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for the end after {@link #signalStop()}; kills it after the grace period. True when it ended by itself. */
    boolean awaitStop(Duration grace) {
        return process == null || Processes.stop(process.toHandle(), grace);
    }
}
