package org.bankcrm.client.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bankcrm.platform.testing.RealInfrastructure;
import org.bankcrm.platform.testing.TestTokens;

/**
 * The benchmark of issue 3 (a main class, not a test): starts a real PostgreSQL and Kafka broker
 * (the test infrastructure), runs the packaged client-service ({@code target/quarkus-app}) against them
 * as its own process, loads N clients through {@code POST /api/v1/clients:batch} (1,000 per call) and then
 * measures search latency (p50/p99) by kind of query at that size.
 *
 * <p>Run after {@code ./mvnw -B -o verify -f client-service/pom.xml} (or {@code package}):
 * {@code java -cp <test classpath> org.bankcrm.client.bench.ClientLoadBenchmark [clients=100000] [senders=2] [searches=400]}.
 */
public final class ClientLoadBenchmark {
    /** A token of the tests' key with every role, valid for the run (signed once: signing costs the load generator). */
    private static final String BENCH_TOKEN = TestTokens.bearer("channel", "integration", "analyst", "marketing", "admin");

    static final String[] FIRST = { "Jana", "Petr", "Tomáš", "Eva", "Lucie", "Jiří", "Zuzana", "Martin", "Kateřina", "Pavel",
            "João", "Maria", "Inês", "Gonçalo", "Ana", "Rui", "Beatriz", "Luís", "Sofia", "André" };
    static final String[] LAST = { "Nováková", "Svoboda", "Dvořák", "Černá", "Procházka", "Kučerová", "Veselý", "Horáková",
            "Němec", "Marková", "Conceição", "Gonçalves", "Araújo", "Simões", "Magalhães", "Brandão", "Fonseca", "Sebastião",
            "Lourenço", "Guimarães", "Štěpánek", "Růžička", "Bartoš", "Šimková", "Žáková" };
    static final String[] INCOME = { "LOW", "MIDDLE", "UPPER_MIDDLE", "HIGH" };
    static final String[] CHANNEL = { "BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK", "ATM", "CHAT", "EMAIL" };

    private ClientLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int searches = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int perCall = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        Path app = Path.of("client-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(app)) {
            app = Path.of("target/quarkus-app/quarkus-run.jar");
        }
        if (!Files.exists(app)) {
            throw new IllegalStateException("build client-service first: no target/quarkus-app/quarkus-run.jar");
        }
        RealInfrastructure infra = RealInfrastructure.get();
        String database = infra.createDatabase("bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("client-service-bench", ".log");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx768m", "-jar", app.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
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
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            awaitReady(http, base, service, log);
            System.out.printf("client-service ready on %s (log %s)%n", base, log);

            // load
            int batches = (clients + perCall - 1) / perCall;
            AtomicInteger next = new AtomicInteger();
            List<String> emails = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            long loadStart = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                futures.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < batches) {
                        int from = b * perCall;
                        int to = Math.min(clients, from + perCall);
                        String body = batch(from, to);
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/clients:batch")).header("Authorization", BENCH_TOKEN)
                                .header("content-type", "application/json").timeout(Duration.ofMinutes(2))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("batch " + b + ": " + r.statusCode() + " " + r.body());
                        }
                        if (b % Math.max(1, 10_000 / perCall) == 0) {
                            System.out.printf("  loaded %,d clients%n", to);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf("LOAD: %,d clients in %.1f s = %.0f clients/s (%d senders, %,d per call)%n", clients, loadSeconds,
                    clients / loadSeconds, senders, perCall);

            Random random = new Random(7);
            for (int i = 0; i < 50; i++) {
                int n = random.nextInt(clients);
                emails.add(email(n));
                phones.add(phone(n));
                refs.add(ref(n));
            }
            Map<String, List<String>> queries = new TreeMap<>();
            queries.put("1 name fragment (unaccented, lower case)", List.of("novakova", "dvorak", "goncalves", "simkova", "ruzicka",
                    "tomas proch", "magalhaes", "conceicao", "zakova", "bartos"));
            queries.put("2 e-mail", emails);
            queries.put("3 phone", phones);
            queries.put("4 externalRef", refs);
            queries.put("5 name fragment + quadrant filter", List.of("novakova&quadrant=UNPROFITABLE_HIGH_POTENTIAL",
                    "svoboda&quadrant=UNPROFITABLE_LOW_POTENTIAL", "lucie&quadrant=UNPROFITABLE_HIGH_POTENTIAL"));
            queries.put("6 segment filter only", List.of("&segment=RETIREES", "&segment=DIGITAL_FIRST", "&segment=STUDENTS"));
            // warm-up
            for (int i = 0; i < 50; i++) {
                search(http, base, "novak");
            }
            List<Long> all = new ArrayList<>();
            System.out.printf("SEARCH at %,d clients (%d per kind, page size 20, total counted):%n", clients, searches / queries.size());
            for (Map.Entry<String, List<String>> kind : queries.entrySet()) {
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < searches / queries.size(); i++) {
                    String q = kind.getValue().get(i % kind.getValue().size());
                    long t0 = System.nanoTime();
                    search(http, base, q);
                    times.add(System.nanoTime() - t0);
                }
                all.addAll(times);
                System.out.printf("  %-45s p50 %7.1f ms  p99 %7.1f ms%n", kind.getKey(), pct(times, 50), pct(times, 99));
            }
            System.out.printf("  %-45s p50 %7.1f ms  p99 %7.1f ms%n", "all", pct(all, 50), pct(all, 99));
        } finally {
            service.destroy();
            service.waitFor();
            System.exit(0);
        }
    }

    static void search(HttpClient http, String base, String q) throws IOException, InterruptedException {
        String query = q.startsWith("&") ? q.substring(1) : "q=" + q.replace(" ", "%20").replace("+", "%2B");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/clients?" + query)).header("Authorization", BENCH_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("search " + q + ": " + r.statusCode() + " " + r.body());
        }
    }

    static double pct(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    static String batch(int from, int to) {
        StringBuilder body = new StringBuilder("{\"clients\": [");
        for (int n = from; n < to; n++) {
            if (n > from) {
                body.append(',');
            }
            Random r = new Random(n);
            boolean business = n % 20 == 0;
            body.append("{\"externalRef\": \"").append(ref(n)).append("\", \"type\": \"").append(business ? "BUSINESS" : "INDIVIDUAL")
                    .append("\", \"fullName\": \"").append(FIRST[r.nextInt(FIRST.length)]).append(' ')
                    .append(LAST[r.nextInt(LAST.length)]).append(' ').append(n).append('"');
            if (!business) {
                body.append(", \"birthDate\": \"").append(LocalDate.of(1940, 1, 1).plusDays(r.nextInt(365 * 66))).append('"');
            }
            body.append(", \"email\": \"").append(email(n)).append("\", \"phone\": \"").append(phone(n))
                    .append("\", \"incomeBracket\": \"").append(INCOME[r.nextInt(INCOME.length)])
                    .append("\", \"preferredChannel\": \"").append(CHANNEL[r.nextInt(CHANNEL.length)])
                    .append("\", \"consents\": {\"marketingEmail\": ").append(r.nextBoolean()).append(", \"profiling\": true}}");
        }
        return body.append("]}").toString();
    }

    static String ref(int n) {
        return "BENCH-" + n;
    }

    static String email(int n) {
        return "client" + n + "@example.org";
    }

    static String phone(int n) {
        return "+42070" + String.format("%07d", n);
    }

    static void awaitReady(HttpClient http, String base, Process service, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("client-service exited: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).header("Authorization", BENCH_TOKEN).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("client-service not ready in 120 s; log: " + log);
    }
}
