package org.bankcrm.offer.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.bankcrm.platform.testing.TestTokens;

/**
 * The decision API's latency probe (a main class, not a test): starts a real PostgreSQL and Kafka broker (the test
 * infrastructure), runs the packaged offer-service ({@code target/quarkus-app}, or the directory given as
 * {@code -Dapp=}) against them as its own process, registers N clients through client events on the real topic
 * (the read model is built from events only), then fires {@code POST /api/v1/decisions} open-loop at each fixed rate:
 * request i is due at start + i/rate whatever came back before, and its latency is counted from that intended send
 * time (no coordinated omission). Prints p50/p90/p99/max per rate.
 *
 * <p>{@code java -cp <test classpath> org.bankcrm.offer.bench.DecisionLatencyBenchmark [clients=2000] [seconds=20]
 * [rates=200,500,1000]}
 */
public final class DecisionLatencyBenchmark {
    /** A token of the tests' key with every role, valid for the run (signed once: signing costs the load generator). */
    private static final String BENCH_TOKEN = TestTokens.bearer("channel", "integration", "analyst", "marketing", "admin");

    static final String CLIENT_TOPIC = "crm.client.events.v1";
    static final String[] AGE = { "AGE_18_24", "AGE_25_34", "AGE_35_44", "AGE_45_54", "AGE_55_64", "AGE_65_PLUS" };
    static final String[] INCOME = { "LOW", "MIDDLE", "UPPER_MIDDLE", "HIGH" };
    static final String[] QUADRANT = { "PROFITABLE_HIGH_POTENTIAL", "PROFITABLE_LOW_POTENTIAL", "UNPROFITABLE_HIGH_POTENTIAL",
            "UNPROFITABLE_LOW_POTENTIAL" };
    static final String[] STRATEGY = { "DEVELOP", "RETAIN", "REPRICE", "CHANGE_SERVICE_LEVEL", "FIND_MOTIVES", "DELIGHT" };
    static final String[] CHANNEL = { "BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK", "EMAIL" };

    private DecisionLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int[] rates = Arrays.stream((args.length > 2 ? args[2] : "200,500,1000").split(",")).mapToInt(Integer::parseInt).toArray();
        Path app = Path.of(System.getProperty("app", Files.exists(Path.of("offer-service/target/quarkus-app"))
                ? "offer-service/target/quarkus-app" : "target/quarkus-app")).resolve("quarkus-run.jar");
        if (!Files.exists(app)) {
            throw new IllegalStateException("build offer-service first: no " + app);
        }
        RealInfrastructure infra = RealInfrastructure.get();
        String database = infra.createDatabase("bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("offer-service-bench", ".log");
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m"));
        // e.g. -Dservice.jvm=-XX:StartFlightRecording=filename=/tmp/offer.jfr,settings=profile to profile the service
        String jvm = System.getProperty("service.jvm", "");
        if (!jvm.isBlank()) {
            command.addAll(Arrays.asList(jvm.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", app.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // the service trusts the tests' key and issuer; every call below carries a token of it
        TestTokens.serviceConfig().forEach((key, value) -> env.put(key.toUpperCase().replace('.', '_'), value));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", infra.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        Process service = pb.start();
        String base = "http://localhost:" + port;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            awaitReady(http, base, service, log);
            System.out.printf("offer-service %s ready on %s (log %s)%n", app, base, log);
            List<String> ids = register(infra.bootstrapServers(), clients);
            awaitReadModel(http, base, ids);
            System.out.printf("%,d clients in the read model (from client events)%n", clients);
            run(http, base, ids, 100, 10, "warm-up");
            run(http, base, ids, 200, 10, "warm-up");
            for (int rate : rates) {
                run(http, base, ids, rate, seconds, "measured");
            }
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
            System.exit(0);
        }
    }

    /** Open loop at a fixed rate; latency from each request's intended send time. */
    static void run(HttpClient http, String base, List<String> ids, int rate, int seconds, String label) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        Random random = new Random(rate);
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000;
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            String body = "{\"clientId\": \"%s\", \"channel\": \"%s\", \"limit\": 3}"
                    .formatted(ids.get(random.nextInt(ids.size())), CHANNEL[random.nextInt(CHANNEL.length)]);
            int slot = i;
            pending.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/decisions")).header("Authorization", BENCH_TOKEN)
                    .header("content-type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latencies[slot] = System.nanoTime() - due;
                        if (error != null || response.statusCode() != 201) {
                            errors.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }));
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(2, TimeUnit.MINUTES);
        double allSeconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("%-8s %5d req/s x %3d s: sent in %.1f s, all answered after %.1f s (%.0f/s), %d errors; "
                + "latency p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %7.1f ms%n", label, rate, seconds, sendSeconds,
                allSeconds, total / allSeconds, errors.get(), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted[sorted.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Clients as client-service announces them: registered, a product opened, a value computed. */
    static List<String> register(String bootstrap, int clients) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int n = 0; n < clients; n++) {
                Random r = new Random(n);
                String id = UUID.randomUUID().toString();
                ids.add(id);
                String consents = "{\"marketingEmail\": %s, \"marketingSms\": false, \"marketingPush\": %s, \"marketingPhone\": %s, \"profiling\": true}"
                        .formatted(r.nextBoolean(), r.nextBoolean(), r.nextBoolean());
                producer.send(CloudEventRecords.event(CLIENT_TOPIC, "crm.client.registered", id, """
                        {"clientId": "%s", "type": "INDIVIDUAL", "ageBand": "%s", "incomeBracket": "%s", "customerSince": "2019-04-01",
                         "consents": %s, "registeredAt": "%s"}""".formatted(id, AGE[r.nextInt(AGE.length)],
                        INCOME[r.nextInt(INCOME.length)], consents, Instant.now())));
                List<String> held = r.nextBoolean() ? List.of("CURRENT_ACCOUNT", "DEBIT_CARD")
                        : List.of("CURRENT_ACCOUNT", "DEBIT_CARD", "SAVINGS_ACCOUNT");
                producer.send(CloudEventRecords.event(CLIENT_TOPIC, "crm.client.product-opened", id, """
                        {"clientId": "%s", "productId": "%s", "productType": "DEBIT_CARD", "openedAt": "2026-11-20", "balance": 100.0,
                         "heldProductTypes": [%s], "recordedAt": "%s"}""".formatted(id, UUID.randomUUID(),
                        String.join(",", held.stream().map(h -> "\"" + h + "\"").toList()), Instant.now())));
                producer.send(CloudEventRecords.event(CLIENT_TOPIC, "crm.client.value-changed", id, """
                        {"clientId": "%s", "profitability": 100.0, "potential": 60.0, "quadrant": "%s", "strategy": "%s",
                         "reasons": [], "computedAt": "%s"}""".formatted(id, QUADRANT[r.nextInt(QUADRANT.length)],
                        STRATEGY[r.nextInt(STRATEGY.length)], Instant.now())));
            }
            producer.flush();
        }
        return ids;
    }

    static void awaitReadModel(HttpClient http, String base, List<String> ids) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        for (String id : List.of(ids.get(0), ids.get(ids.size() / 2), ids.get(ids.size() - 1))) {
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/read-model/clients/" + id)).header("Authorization", BENCH_TOKEN)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"eventsApplied\":3")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read model not built in time");
                }
                Thread.sleep(500);
            }
        }
    }

    static void awaitReady(HttpClient http, String base, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("offer-service exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).header("Authorization", BENCH_TOKEN).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("offer-service not ready: " + Files.readString(log));
    }
}
