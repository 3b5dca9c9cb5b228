package org.bankcrm.client.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bankcrm.platform.testing.RealInfrastructure;
import org.bankcrm.platform.testing.TestTokens;

/**
 * Search at 1,000,000 clients (a main class, not a test): starts a real PostgreSQL 14 and Kafka broker,
 * runs the packaged client-service against them (Flyway creates the schema and the search indexes), fills
 * the client table straight in SQL with {@code generate_series} (names from the benchmark's Czech and
 * Portuguese name lists, e-mail, phone, externalRef, quadrant, strategy, segment memberships), analyses
 * it, then times the search mix through {@code GET /api/v1/clients} and prints p50/p99 per kind of query
 * and the plans ({@code EXPLAIN ANALYZE}) of the page and count statements the service issues.
 *
 * <p>Run after {@code ./mvnw -B -o verify -f client-service/pom.xml} (or {@code package}):
 * {@code java -cp <test classpath> org.bankcrm.client.bench.SearchAtScaleMeasurement [clients=1000000] [per kind=100]}.
 */
public final class SearchAtScaleMeasurement {
    /** A token of the tests' key with every role, valid for the run (signed once: signing costs the load generator). */
    private static final String BENCH_TOKEN = TestTokens.bearer("channel", "integration", "analyst", "marketing", "admin");

    private SearchAtScaleMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perKind = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path app = Path.of("client-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(app)) {
            app = Path.of("target/quarkus-app/quarkus-run.jar");
        }
        if (!Files.exists(app)) {
            throw new IllegalStateException("build client-service first: no target/quarkus-app/quarkus-run.jar");
        }
        RealInfrastructure infra = RealInfrastructure.get();
        String database = infra.createDatabase("search");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("client-service-search", ".log");
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
        try (Connection db = DriverManager.getConnection(infra.jdbcUrl(database), infra.user(), infra.password())) {
            ClientLoadBenchmark.awaitReady(http, base, service, log);
            System.out.printf("client-service ready on %s (log %s)%n", base, log);
            fill(db, clients);

            Random random = new Random(11);
            List<String> emails = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = random.nextInt(clients);
                emails.add(ClientLoadBenchmark.email(n));
                phones.add(ClientLoadBenchmark.phone(n));
                refs.add(ClientLoadBenchmark.ref(n));
            }
            Map<String, List<String>> queries = new LinkedHashMap<>();
            queries.put("name fragment (unaccented, lower case)", List.of("q=novakova", "q=dvorak", "q=goncalves", "q=simkova",
                    "q=ruzicka", "q=tomas%20proch", "q=magalhaes", "q=conceicao", "q=zakova", "q=bartos"));
            queries.put("name fragment, rare (full name + number)", List.of("q=novakova%20123457", "q=svoboda%2098765",
                    "q=araujo%20424242", "q=eva%20fonseca%20777"));
            queries.put("e-mail", emails.stream().map(e -> "q=" + e).toList());
            queries.put("phone", phones.stream().map(p -> "q=" + p.replace("+", "%2B")).toList());
            queries.put("externalRef", refs.stream().map(r -> "q=" + r).toList());
            queries.put("name fragment + quadrant", List.of("q=novakova&quadrant=UNPROFITABLE_HIGH_POTENTIAL",
                    "q=svoboda&quadrant=UNPROFITABLE_LOW_POTENTIAL", "q=lucie&quadrant=PROFITABLE_HIGH_POTENTIAL"));
            queries.put("segment only", List.of("segment=RETIREES", "segment=DIGITAL_FIRST", "segment=STUDENTS"));
            queries.put("quadrant only", List.of("quadrant=PROFITABLE_LOW_POTENTIAL", "quadrant=UNPROFITABLE_HIGH_POTENTIAL"));
            queries.put("strategy only", List.of("strategy=DELIGHT", "strategy=REPRICE", "strategy=FIND_MOTIVES"));
            queries.put("segment + strategy, sort -customerSince", List.of("segment=RETIREES&strategy=RETAIN&sort=-customerSince",
                    "segment=STUDENTS&strategy=REPRICE&sort=-customerSince"));
            queries.put("no filter (default sort createdAt)", List.of(""));
            queries.put("no filter, sort fullName", List.of("sort=fullName", "sort=-fullName"));
            queries.put("no filter, page 50", List.of("page=50&sort=-createdAt"));

            for (int i = 0; i < 50; i++) {
                search(http, base, "q=novak");
            }
            List<Long> all = new ArrayList<>();
            System.out.printf("SEARCH at %,d clients (%d per kind, page size 20):%n", clients, perKind);
            for (Map.Entry<String, List<String>> kind : queries.entrySet()) {
                List<Long> times = new ArrayList<>();
                int exact = 0;
                for (int i = 0; i < perKind; i++) {
                    String q = kind.getValue().get(i % kind.getValue().size());
                    long t0 = System.nanoTime();
                    String body = search(http, base, q);
                    times.add(System.nanoTime() - t0);
                    if (body.contains("\"totalExact\":true")) {
                        exact++;
                    }
                }
                all.addAll(times);
                System.out.printf("  %-45s p50 %7.1f ms  p99 %7.1f ms  (total exact in %d of %d; e.g. %s)%n", kind.getKey(),
                        ClientLoadBenchmark.pct(times, 50), ClientLoadBenchmark.pct(times, 99), exact, perKind,
                        totalOf(search(http, base, kind.getValue().get(0))));
            }
            System.out.printf("  %-45s p50 %7.1f ms  p99 %7.1f ms%n", "all", ClientLoadBenchmark.pct(all, 50),
                    ClientLoadBenchmark.pct(all, 99));

            explain(db, "name fragment: page", """
                    select cast(c.id as text) from client c where c.erased_at is null and
                    (c.search_name like '%' || crm_search_text('novakova') || '%' or c.external_ref = 'novakova'
                     or lower(c.email) = 'novakova' or c.phone = 'novakova')
                    order by created_at, id limit 20 offset 0""");
            explain(db, "name fragment: capped count", """
                    select count(*) from (select 1 from client c where c.erased_at is null and
                    (c.search_name like '%' || crm_search_text('novakova') || '%' or c.external_ref = 'novakova'
                     or lower(c.email) = 'novakova' or c.phone = 'novakova') limit 10001) matches""");
            explain(db, "e-mail: page", """
                    select cast(c.id as text) from client c where c.erased_at is null and
                    (c.search_name like '%' || crm_search_text('client4711@example.org') || '%' or c.external_ref = 'client4711@example.org'
                     or lower(c.email) = 'client4711@example.org' or c.phone = 'client4711@example.org')
                    order by created_at, id limit 20 offset 0""");
            explain(db, "segment only: page", """
                    select cast(c.id as text) from client c where c.erased_at is null and
                    exists (select 1 from client_segment s where s.client_id = c.id and s.segment_code = 'STUDENTS')
                    order by created_at, id limit 20 offset 0""");
            explain(db, "segment only: capped count", """
                    select count(*) from (select 1 from client c where c.erased_at is null and
                    exists (select 1 from client_segment s where s.client_id = c.id and s.segment_code = 'RETIREES') limit 10001) matches""");
            explain(db, "quadrant only: page", """
                    select cast(c.id as text) from client c where c.erased_at is null and c.value_quadrant = 'UNPROFITABLE_HIGH_POTENTIAL'
                    order by created_at, id limit 20 offset 0""");
            explain(db, "strategy only: capped count", """
                    select count(*) from (select 1 from client c where c.erased_at is null and c.strategy = 'DELIGHT' limit 10001) matches""");
            explain(db, "no filter: page sorted by fullName", """
                    select cast(c.id as text) from client c where c.erased_at is null order by full_name, id limit 20 offset 0""");
            explain(db, "no filter: capped count", """
                    select count(*) from (select 1 from client c where c.erased_at is null limit 10001) matches""");
            explain(db, "no filter: estimate (what the service reads when the cap is passed)", """
                    select 1 from client c where c.erased_at is null""");
            explain(db, "no filter: the exact count the service no longer runs", """
                    select count(*) from client c where c.erased_at is null""");
        } finally {
            service.destroy();
            service.waitFor();
            System.exit(0);
        }
    }

    /** {@code clients} rows straight in SQL, then memberships of three default segments, then ANALYZE. */
    static void fill(Connection db, int clients) throws Exception {
        String first = "array[" + String.join(",", quoted(ClientLoadBenchmark.FIRST)) + "]";
        String last = "array[" + String.join(",", quoted(ClientLoadBenchmark.LAST)) + "]";
        long t0 = System.nanoTime();
        int chunk = 100_000;
        try (Statement s = db.createStatement()) {
            for (int from = 0; from < clients; from += chunk) {
                int to = Math.min(clients, from + chunk) - 1;
                s.execute("""
                        insert into client (id, external_ref, type, full_name, birth_date, email, phone, income_bracket, customer_since,
                            consent_marketing_email, consent_profiling, created_at, updated_at, preferred_channel,
                            value_quadrant, strategy, profitability, potential, value_computed_at)
                        select md5('client' || n)::uuid, 'BENCH-' || n, case when n %% 20 = 0 then 'BUSINESS' else 'INDIVIDUAL' end,
                            (%s)[1 + (hashint4(n) & 2147483647) %% %d] || ' ' || (%s)[1 + (hashint4(n + 7) & 2147483647) %% %d] || ' ' || n,
                            case when n %% 20 = 0 then null else date '1940-01-01' + (hashint4(n + 1) & 2147483647) %% (365 * 66) end,
                            'client' || n || '@example.org', '+42070' || lpad(n::text, 7, '0'),
                            (array['LOW','MIDDLE','UPPER_MIDDLE','HIGH'])[1 + (hashint4(n + 2) & 2147483647) %% 4],
                            date '2000-01-01' + (hashint4(n + 3) & 2147483647) %% 9000, n %% 2 = 0, true,
                            timestamptz '2026-01-01' + n * interval '1 second', timestamptz '2026-01-01' + n * interval '1 second',
                            (array['BRANCH','CALL_CENTER','MOBILE_APP','INTERNET_BANK','ATM','CHAT','EMAIL'])[1 + (hashint4(n + 4) & 2147483647) %% 7],
                            q.quadrant, case q.quadrant
                                when 'PROFITABLE_HIGH_POTENTIAL' then 'DEVELOP'
                                when 'PROFITABLE_LOW_POTENTIAL' then (array['RETAIN','DELIGHT'])[1 + (hashint4(n + 6) & 2147483647) %% 2]
                                when 'UNPROFITABLE_HIGH_POTENTIAL' then 'REPRICE'
                                else (array['CHANGE_SERVICE_LEVEL','FIND_MOTIVES'])[1 + (hashint4(n + 6) & 2147483647) %% 2] end,
                            case when q.quadrant like 'PROFITABLE%%' then 120.00 else -40.00 end, 50.0, now()
                        from generate_series(%d, %d) n,
                             lateral (select (array['PROFITABLE_HIGH_POTENTIAL','PROFITABLE_LOW_POTENTIAL','UNPROFITABLE_HIGH_POTENTIAL',
                                                    'UNPROFITABLE_LOW_POTENTIAL'])[1 + (hashint4(n + 5) & 2147483647) %% 4] as quadrant) q
                        """.formatted(first, ClientLoadBenchmark.FIRST.length, last, ClientLoadBenchmark.LAST.length, from, to));
                System.out.printf("  filled %,d clients (%.0f s)%n", to + 1, (System.nanoTime() - t0) / 1e9);
            }
            s.execute("""
                    insert into client_segment (client_id, segment_code, since)
                    select id, 'RETIREES', now() from client where type = 'INDIVIDUAL' and birth_date <= current_date - interval '65 years'
                    union all
                    select id, 'STUDENTS', now() from client where type = 'INDIVIDUAL' and income_bracket = 'LOW'
                        and birth_date between current_date - interval '27 years' + interval '1 day' and current_date - interval '18 years'
                    union all
                    select id, 'DIGITAL_FIRST', now() from client where preferred_channel in ('MOBILE_APP', 'INTERNET_BANK', 'CHAT')
                    """);
            s.execute("vacuum analyze client");
            s.execute("vacuum analyze client_segment");
            try (ResultSet r = s.executeQuery("""
                    select (select count(*) from client), (select count(*) from client_segment),
                           pg_size_pretty(pg_total_relation_size('client')), pg_size_pretty(pg_relation_size('client_search_name_trgm'))""")) {
                r.next();
                System.out.printf("FILL: %,d clients, %,d memberships in %.0f s; client table with indexes %s, trigram index %s%n",
                        r.getLong(1), r.getLong(2), (System.nanoTime() - t0) / 1e9, r.getString(3), r.getString(4));
            }
        }
    }

    static void explain(Connection db, String title, String sql) throws Exception {
        System.out.printf("%nPLAN %s%n", title);
        boolean analyze = !title.contains("estimate");
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("explain " + (analyze ? "(analyze, costs off) " : "") + sql)) {
            while (r.next()) {
                System.out.println("    " + r.getString(1));
            }
        }
    }

    static String search(HttpClient http, String base, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/clients?" + query)).header("Authorization", BENCH_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("search " + query + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String totalOf(String body) {
        int at = body.indexOf("\"total\":");
        int exact = body.indexOf("\"totalExact\":");
        return at < 0 ? "?" : body.substring(at, body.indexOf(',', at)) + (exact < 0 ? "" : ", " + body.substring(exact, body.indexOf(',', exact)));
    }

    private static List<String> quoted(String[] names) {
        return java.util.Arrays.stream(names).map(n -> "'" + n.replace("'", "''") + "'").toList();
    }
}
