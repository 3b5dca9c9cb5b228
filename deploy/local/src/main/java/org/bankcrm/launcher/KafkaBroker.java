package org.bankcrm.launcher;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka broker in KRaft mode (one node, broker and controller), run as a child JVM from the
 * launcher's own jars; the log directory is formatted once, on the first start.
 */
final class KafkaBroker {
    private final Path dataDirectory;
    private final Path configDirectory;
    private final Path log;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private final String classpath;
    private final List<String> jvmOptions;
    private Process process;

    KafkaBroker(Path dataDirectory, Path configDirectory, Path log, int port, int controllerPort, int partitions,
            String classpath, List<String> jvmOptions) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.configDirectory = configDirectory;
        this.log = log;
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
        this.classpath = classpath;
        this.jvmOptions = jvmOptions;
    }

    static String serverProperties(Path dataDirectory, int port, int controllerPort, int partitions) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", dataDirectory.toAbsolutePath().toString());
        config.put("num.partitions", Integer.toString(partitions));
        // one node: every internal topic has a single replica
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");

        StringBuilder text = new StringBuilder("# written by the CRM launcher on every start; edits are overwritten\n");
        config.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return text.toString();
    }

    /** log4j2 for the broker JVM: everything to stdout, which the launcher sends to .crm/logs/kafka.log. */
    static String log4jConfig() {
        return String.join("\n",
                "# written by the CRM launcher: the broker's log goes to stdout, i.e. .crm/logs/kafka.log",
                "status = warn",
                "shutdownHook = disable",
                "appender.out.type = Console",
                "appender.out.name = STDOUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = STDOUT",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = WARN",
                "logger.statechange.name = state.change.logger",
                "logger.statechange.level = WARN",
                "logger.cleaner.name = kafka.log.LogCleaner",
                "logger.cleaner.level = WARN",
                "");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Path propertiesFile() {
        return configDirectory.resolve("server.properties");
    }

    boolean isFormatted() {
        return Files.exists(dataDirectory.resolve("meta.properties"));
    }

    void writeConfig() throws IOException {
        Files.createDirectories(configDirectory);
        Files.createDirectories(dataDirectory);
        Files.writeString(propertiesFile(), serverProperties(dataDirectory, port, controllerPort, partitions));
        Files.writeString(configDirectory.resolve("kafka-log4j2.properties"), log4jConfig());
    }

    /** Formats the log directory with a new cluster id, only the first time. True when it formatted. */
    boolean formatIfNeeded() throws IOException, InterruptedException {
        if (isFormatted()) {
            return false;
        }
        Logs.startRun(log, "formatting the Kafka log directory");
        Process format = new ProcessBuilder(javaCommand("kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", propertiesFile().toString(), "--standalone"))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        format.getOutputStream().close();
        if (!format.waitFor(90, TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new IOException("formatting the Kafka log directory took more than 90 s");
        }
        if (format.exitValue() != 0) {
            throw new IOException("formatting the Kafka log directory failed (exit code " + format.exitValue() + ")");
        }
        return true;
    }

    Process start() throws IOException {
        Logs.startRun(log, "Kafka broker on port " + port);
        process = new ProcessBuilder(Processes.inOwnSession(javaCommand("kafka.Kafka", propertiesFile().toString())))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        return process;
    }

    /** Waits until the broker answers a describeCluster; fails early if its process ends. */
    void awaitReady(Duration timeout) throws StartupFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new StartupFailure("the Kafka broker stopped during start-up (exit code " + process.exitValue() + ")", log);
            }
            if (Ports.accepts(port) && answers()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupFailure("the Kafka broker did not answer within " + timeout.toSeconds() + " s", log);
            }
            Thread.sleep(300);
        }
    }

    /** Creates the topics that do not exist yet, each with the given partitions and one replica; returns those created. */
    List<String> ensureTopics(List<String> names, int partitionCount) throws Exception {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitionCount, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /** Topic name → number of partitions, for the topics that exist. */
    Map<String, Integer> partitionCounts(Collection<String> names) throws Exception {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> present = names.stream().filter(existing::contains).toList();
            Map<String, Integer> counts = new LinkedHashMap<>();
            admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS)
                    .forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
        }
    }

    /** SIGKILL, as a crash: no controlled shutdown, the next start recovers its logs. Waits until it is gone. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            Processes.awaitExit(process.toHandle(), Duration.ofSeconds(10));
        }
    }

    /** SIGTERM: the broker shuts down in a controlled way; killed after the grace period. */
    boolean stop(Duration grace) {
        return process == null || Processes.stop(process.toHandle(), grace);
    }

    private boolean answers() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "crm-launcher");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(config);
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Processes.javaBinary());
        command.addAll(jvmOptions);
        command.add("-Dcrm.component=kafka");
        command.add("-Dlog4j2.configurationFile=" + configDirectory.resolve("kafka-log4j2.properties"));
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
