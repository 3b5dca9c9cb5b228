package org.bankcrm.interaction.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.bankcrm.platform.testing.TestTokens;

/**
 * Measures how many touchpoints per second interaction-service records through REST and through Kafka on
 * this machine: starts the real infrastructure (PostgreSQL, a KRaft broker), runs the packaged service
 * ({@code target/quarkus-app/quarkus-run.jar}) as a child process against it, registers clients through
 * crm.client.events.v1, then
 * <ul>
 * <li>REST: {@code threads} callers post touchpoints; a 201 means recorded and committed with its event;</li>
 * <li>Kafka: sends crm.touchpoint.submitted records as fast as the producer can and times until the CX counters
 * show every one recorded.</li>
 * </ul>
 * Not a test: run it by hand (see the service README), e.g. {@code IngestRateMeasurement 5000 16}.
 */
public final class IngestRateMeasurement {
    /** A token of the tests' key with every role, valid for the run (signed once: signing costs the load generator). */
    private static final String BENCH_TOKEN = TestTokens.bearer("channel", "integration", "analyst", "marketing", "admin");

    private static final String DAY = "2020-01-15";
    private static final String[] NEEDS = { "PAYMENTS", "CARDS", "LENDING", "SAVINGS", "DIGITAL_ACCESS" };
    private static final String[] CHANNELS = { "BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK", "CHAT" };
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IngestRateMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int touchpoints = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int port = 18082;
        String base = "http://localhost:" + port;

        RealInfrastructure infra = RealInfrastructure.get();
        String database = infra.createDatabase("interaction_bench");
        Path log = Files.createTempFile("interaction-bench", ".log");
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dquarkus.http.port=" + port,
                "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER, // trusts the tests' key; calls carry its tokens
                "-Dmp.jwt.verify.publickey=" + TestTokens.serviceConfig().get("mp.jwt.verify.publickey"),
                "-Dkafka.bootstrap.servers=" + infra.bootstrapServers(),
                "-Dquarkus.datasource.reactive.url=" + infra.reactiveUrl(database),
                "-Dquarkus.datasource.jdbc.url=" + infra.jdbcUrl(database),
                "-Dquarkus.datasource.username=" + infra.user(),
                "-Dquarkus.datasource.password=" + infra.password(),
                "-Dquarkus.log.level=WARN",
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(base, service, log);
            List<String> ids = register(infra, base, clients);
            System.out.printf("machine: %d cores, Java %s; %d clients known%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), ids.size());
            rest(base, ids, touchpoints / 5, threads); // warm-up
            double restRate = rest(base, ids, touchpoints, threads);
            System.out.printf("REST : %d touchpoints, %d callers: %.0f touchpoints/s%n", touchpoints, threads, restRate);
            long before = recordedOn(base);
            double kafkaRate = kafka(infra, base, ids, touchpoints, before + touchpoints);
            System.out.printf("Kafka: %d touchpoints: %.0f touchpoints/s%n", touchpoints, kafkaRate);
        } finally {
            service.destroy();
            if (!service.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        System.exit(0);
    }

    private static void awaitReady(String base, Process service, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service stopped; see " + log);
            }
            try {
                if (get(base + "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become ready; see " + log);
    }

    private static List<String> register(RealInfrastructure infra, String base, int clients) throws Exception {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(infra)) {
            for (int i = 0; i < clients; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                producer.send(CloudEventRecords.event("crm.client.events.v1", "crm.client.registered", id, """
                        {"clientId": "%s", "type": "INDIVIDUAL", "ageBand": "AGE_35_44", "customerSince": "2019-04-01",
                         "consents": {"marketingEmail": true, "marketingSms": false, "marketingPush": false, "marketingPhone": false, "profiling": true},
                         "registeredAt": "2026-11-27T10:15:30Z"}
                        """.formatted(id)));
            }
            producer.flush();
        }
        long deadline = System.currentTimeMillis() + 120_000;
        for (String id : ids) {
            while (get(base + "/api/v1/read-model/clients/" + id).statusCode() != 200) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("clients not known after 120 s");
                }
                Thread.sleep(100);
            }
        }
        return ids;
    }

    private static double rest(String base, List<String> clients, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (next.getAndIncrement() < count) {
                    try {
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/interactions")).header("Authorization", BENCH_TOKEN)
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(touchpoint(clients)))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 201) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (failed.get() > 0) {
            System.out.printf("REST : %d requests were not 201%n", failed.get());
        }
        return count / seconds;
    }

    private static double kafka(RealInfrastructure infra, String base, List<String> clients, int count, long expected)
            throws Exception {
        long start;
        try (KafkaProducer<String, String> producer = producer(infra)) {
            start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String body = touchpoint(clients);
                String clientId = body.substring(body.indexOf("\"clientId\": \"") + 13, body.indexOf("\"clientId\": \"") + 49);
                producer.send(CloudEventRecords.event("crm.touchpoint.ingest.v1", "crm.touchpoint.submitted", clientId, body));
            }
            producer.flush();
        }
        long deadline = System.currentTimeMillis() + 600_000;
        while (recordedOn(base) < expected) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Kafka touchpoints not all recorded after 600 s");
            }
            Thread.sleep(200);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static long recordedOn(String base) throws Exception {
        String body = get(base + "/api/v1/cx/metrics?from=" + DAY + "&to=" + DAY).body();
        int at = body.indexOf("\"touchpoints\":") + 14;
        int end = at;
        while (Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(at, end));
    }

    private static String touchpoint(List<String> clients) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String clientId = clients.get(random.nextInt(clients.size()));
        Instant at = Instant.parse(DAY + "T00:00:00Z").plusSeconds(random.nextInt(86_400));
        boolean negative = random.nextInt(5) == 0;
        return """
                {"id": "%s", "clientId": "%s", "occurredAt": "%s", "channel": "%s", "type": "SERVICE_REQUEST",
                 "initiator": "CLIENT", "need": "%s", "outcome": "%s", "valence": "%s", "cause": %s, "causeDetail": %s,
                 "csat": %d, "nps": %d, "employeeId": "EMP-%d", "notes": "measurement"}
                """.formatted(UUID.randomUUID(), clientId, at, CHANNELS[random.nextInt(CHANNELS.length)],
                NEEDS[random.nextInt(NEEDS.length)], random.nextBoolean() ? "RESOLVED" : "UNRESOLVED",
                negative ? "NEGATIVE" : "POSITIVE", negative ? "\"BANK\"" : "null", negative ? "\"WAITING_TIME\"" : "null",
                1 + random.nextInt(5), random.nextInt(11), random.nextInt(1000));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", BENCH_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaProducer<String, String> producer(RealInfrastructure infra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
