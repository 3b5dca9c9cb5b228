package org.bankcrm.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What a start needs to know: ports, partitions, time-outs, JVM options and which services to run; read from CRM_* variables. */
record Settings(
        Layout layout,
        int postgresPort,
        int kafkaPort,
        int controllerPort,
        int partitions,
        Duration startTimeout,
        List<String> serviceJvmOptions,
        List<String> kafkaJvmOptions,
        List<Service> services,
        Service console,
        int servicesDatabasePort) {

    /** The services connect to PostgreSQL itself. */
    Settings(Layout layout, int postgresPort, int kafkaPort, int controllerPort, int partitions, Duration startTimeout,
            List<String> serviceJvmOptions, List<String> kafkaJvmOptions, List<Service> services, Service console) {
        this(layout, postgresPort, kafkaPort, controllerPort, partitions, startTimeout, serviceJvmOptions, kafkaJvmOptions,
                services, console, postgresPort);
    }

    /** Without the staff console. */
    Settings(Layout layout, int postgresPort, int kafkaPort, int controllerPort, int partitions, Duration startTimeout,
            List<String> serviceJvmOptions, List<String> kafkaJvmOptions, List<Service> services) {
        this(layout, postgresPort, kafkaPort, controllerPort, partitions, startTimeout, serviceJvmOptions, kafkaJvmOptions,
                services, null);
    }

    /** The staff console (module console/): the port after the four services', no database; started when all run. */
    static final String CONSOLE = "console";
    static final int CONSOLE_PORT_OFFSET = 4;

    /** These settings with {@code more} JVM options for every service process after the configured ones. */
    Settings withServiceJvmOptions(List<String> more) {
        List<String> options = new ArrayList<>(serviceJvmOptions);
        options.addAll(more);
        return new Settings(layout, postgresPort, kafkaPort, controllerPort, partitions, startTimeout, List.copyOf(options),
                kafkaJvmOptions, services, console, servicesDatabasePort);
    }

    /** These settings with {@code more} JVM options for the broker after the configured ones. */
    Settings withKafkaJvmOptions(List<String> more) {
        List<String> options = new ArrayList<>(kafkaJvmOptions);
        options.addAll(more);
        return new Settings(layout, postgresPort, kafkaPort, controllerPort, partitions, startTimeout, serviceJvmOptions,
                List.copyOf(options), services, console, servicesDatabasePort);
    }

    /** These settings with the services connecting to PostgreSQL through {@code port} (a {@link DatabaseProxy}). */
    Settings withServicesDatabasePort(int port) {
        return new Settings(layout, postgresPort, kafkaPort, controllerPort, partitions, startTimeout, serviceJvmOptions,
                kafkaJvmOptions, services, console, port);
    }

    /** The services, then the console when it is started: the Quarkus processes, in start order. */
    List<Service> applications() {
        List<Service> all = new ArrayList<>(services);
        if (console != null) {
            all.add(console);
        }
        return List.copyOf(all);
    }

    Optional<Service> consoleService() {
        return Optional.ofNullable(console);
    }

    /**
     * One process of a service: replica {@code replica} of {@code replicas}. Its component name (state file, log,
     * {@code crm status}) is the service's name when it runs alone, else {@code name#replica}.
     */
    record Service(String name, int port, String database, int replica, int replicas) {
        Service(String name, int port, String database) {
            this(name, port, database, 1, 1);
        }

        String component() {
            return replicas == 1 ? name : name + "#" + replica;
        }

        String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    static final List<Service> ALL_SERVICES = List.of(
            new Service("client-service", 8081, "client"),
            new Service("interaction-service", 8082, "interaction"),
            new Service("loyalty-service", 8083, "loyalty"),
            new Service("offer-service", 8084, "offer"));

    /** One database per service, all created even when only some services run. */
    static final List<String> DATABASES = ALL_SERVICES.stream().map(Service::database).toList();

    static final List<String> EVENT_TOPICS = List.of(
            "crm.client.events.v1",
            "crm.interaction.events.v1",
            "crm.loyalty.events.v1",
            "crm.offer.events.v1",
            "crm.touchpoint.ingest.v1");

    static final String POSTGRES = "postgres";
    static final String KAFKA = "kafka";
    static final String DB_USER = "postgres";
    static final String DB_PASSWORD = "postgres";

    /** Every event topic and its dead-letter topic. */
    static List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (String topic : EVENT_TOPICS) {
            topics.add(topic);
            topics.add(topic + ".dlq");
        }
        return topics;
    }

    static Settings fromEnvironment(Layout layout, Map<String, String> env) {
        int kafkaPort = port(env, "CRM_KAFKA_PORT", 19092);
        int firstPort = port(env, "CRM_HTTP_PORT", FIRST_SERVICE_PORT);
        Replicas replicas = Replicas.parse(env.get("CRM_REPLICAS"));
        return new Settings(
                layout,
                port(env, "CRM_PG_PORT", 15432),
                kafkaPort,
                port(env, "CRM_KAFKA_CONTROLLER_PORT", kafkaPort + 1),
                number(env, "CRM_PARTITIONS", 3, 1, 1000),
                Duration.ofSeconds(number(env, "CRM_START_TIMEOUT", 120, 5, 3600)),
                words(env.getOrDefault("CRM_SERVICE_JVM_OPTS", DEFAULT_SERVICE_JVM_OPTS)),
                words(env.getOrDefault("CRM_KAFKA_JVM_OPTS", DEFAULT_KAFKA_JVM_OPTS)),
                replicated(services(env.get("CRM_SERVICES"), firstPort), replicas),
                withConsole(env.get("CRM_SERVICES")) ? new Service(CONSOLE, firstPort + CONSOLE_PORT_OFFSET, null) : null);
    }

    /** The first service's HTTP port; the others follow it (8081-8084). {@code CRM_HTTP_PORT} moves all four. */
    static final int FIRST_SERVICE_PORT = 8081;

    /**
     * As the services' container image runs them under their Kubernetes memory limit (deploy/README.md): the heap
     * capped at 256 MiB and the serial collector, which the JVM picks by itself in a container under 1,792 MiB; the
     * heap starts small and grows with the live data. With G1 and -Xmx384m a service held 337-686 MiB in the
     * benchmark's full run, G1 keeping its heap committed (bench/RESULTS.md, README "Performance"). Unlike the image,
     * only the C1 compiler (-XX:TieredStopAtLevel=1): a local stack runs for minutes to hours, and C2 was still taking
     * a third of the services' CPU eight minutes into a load; with C1 alone the stack started in 36-38 s instead of
     * 51-66 s and a touchpoint cost the services 26-30 % less CPU (docs/performance.md, 2026-12-07 20:50 entry).
     */
    static final String DEFAULT_SERVICE_JVM_OPTS = "-XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1";
    static final String DEFAULT_KAFKA_JVM_OPTS = "-Xmx512m";

    /**
     * All four services, PostgreSQL and the broker each on a port that is free now, with the launcher's other defaults:
     * for a program that runs a whole CRM of its own next to anything else on the machine (the system tests).
     */
    static Settings onFreePorts(Layout layout, Duration startTimeout) throws IOException {
        return onFreePorts(layout, startTimeout, false);
    }

    /** As {@link #onFreePorts(Layout, Duration)}, with the staff console on a free port too when {@code withConsole}. */
    static Settings onFreePorts(Layout layout, Duration startTimeout, boolean withConsole) throws IOException {
        return onFreePorts(layout, startTimeout, withConsole, Replicas.ONE);
    }

    /** As {@link #onFreePorts(Layout, Duration, boolean)}, with so many replicas of each service, each on a free port. */
    static Settings onFreePorts(Layout layout, Duration startTimeout, boolean withConsole, Replicas replicas) throws IOException {
        int processes = ALL_SERVICES.stream().mapToInt(s -> replicas.of(s.name())).sum();
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < 4 + processes) {
            ports.add(Ports.freePort());
        }
        List<Integer> free = List.copyOf(ports);
        List<Service> services = new ArrayList<>();
        int next = 3;
        for (int replica = 1; replica <= replicas.highest(); replica++) {
            for (Service service : ALL_SERVICES) {
                int count = replicas.of(service.name());
                if (replica <= count) {
                    services.add(new Service(service.name(), free.get(next++), service.database(), replica, count));
                }
            }
        }
        // the JVM options still come from the environment, so a profiler can be attached to a bench's services
        Map<String, String> env = System.getenv();
        return new Settings(layout, free.get(0), free.get(1), free.get(2), 3, startTimeout,
                words(env.getOrDefault("CRM_SERVICE_JVM_OPTS", DEFAULT_SERVICE_JVM_OPTS)),
                words(env.getOrDefault("CRM_KAFKA_JVM_OPTS", DEFAULT_KAFKA_JVM_OPTS)), List.copyOf(services),
                withConsole ? new Service(CONSOLE, free.get(next), null) : null);
    }

    /**
     * Each service's replicas: replica 1 on the service's port, replica i on that port + {@link Replicas#PORT_STEP} ×
     * (i − 1); the first replicas of all services first, then the second ones (the start order).
     */
    static List<Service> replicated(List<Service> services, Replicas replicas) {
        if (services.stream().anyMatch(s -> s.port() + Replicas.PORT_STEP * (replicas.of(s.name()) - 1) > 65535)) {
            throw new IllegalArgumentException("CRM_HTTP_PORT leaves no room for " + replicas.highest()
                    + " replicas (each " + Replicas.PORT_STEP + " ports above the one before)");
        }
        List<Service> all = new ArrayList<>();
        for (int replica = 1; replica <= replicas.highest(); replica++) {
            for (Service service : services) {
                int count = replicas.of(service.name());
                if (replica <= count) {
                    all.add(new Service(service.name(), service.port() + Replicas.PORT_STEP * (replica - 1),
                            service.database(), replica, count));
                }
            }
        }
        return List.copyOf(all);
    }

    /** One definition per service (its first replica), in start order. */
    List<Service> distinctServices() {
        return services.stream().filter(s -> s.replica() == 1).toList();
    }

    /** Each port the stack listens on, with the component that needs it, in start order. */
    Map<Integer, String> neededPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(postgresPort, POSTGRES);
        ports.put(kafkaPort, KAFKA);
        ports.put(controllerPort, "kafka controller");
        for (Service service : applications()) {
            ports.put(service.port(), service.component());
        }
        return ports;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    /** What a service is given: PostgreSQL's port, or the proxy's in front of it. */
    String serviceJdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + servicesDatabasePort + "/" + database;
    }

    String serviceReactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + servicesDatabasePort + "/" + database;
    }

    /** {@code CRM_SERVICES=none}: PostgreSQL and Kafka only ({@code crm up --infra-only}). */
    static final String NO_SERVICES = "none";

    /** The console runs with all four services (the default), or when CRM_SERVICES names it. */
    private static boolean withConsole(String selection) {
        if (selection == null || selection.isBlank() || selection.trim().equalsIgnoreCase("all")) {
            return true;
        }
        return Arrays.asList(selection.trim().split("[,\\s]+")).contains(CONSOLE);
    }

    private static List<Service> services(String selection, int firstPort) {
        if (firstPort > 65535 - CONSOLE_PORT_OFFSET) {
            throw new IllegalArgumentException("CRM_HTTP_PORT must leave room for " + (CONSOLE_PORT_OFFSET + 1)
                    + " consecutive ports (four services and the console), not " + firstPort);
        }
        List<Service> all = ALL_SERVICES.stream()
                .map(s -> new Service(s.name(), s.port() - FIRST_SERVICE_PORT + firstPort, s.database())).toList();
        if (selection == null || selection.isBlank() || selection.trim().equalsIgnoreCase("all")) {
            return all;
        }
        if (selection.trim().equalsIgnoreCase(NO_SERVICES)) {
            return List.of();
        }
        List<String> names = Arrays.stream(selection.split("[,\\s]+")).filter(s -> !s.isEmpty() && !s.equals(CONSOLE)).toList();
        for (String name : names) {
            if (ALL_SERVICES.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("CRM_SERVICES names an unknown service '" + name + "'; known: "
                        + ALL_SERVICES.stream().map(Service::name).collect(Collectors.joining(", ")));
            }
        }
        return all.stream().filter(s -> names.contains(s.name())).toList();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return number(env, name, fallback, 1, 65535);
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
