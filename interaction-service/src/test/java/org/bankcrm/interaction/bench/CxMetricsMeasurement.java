package org.bankcrm.interaction.bench;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.bankcrm.platform.testing.TestTokens;

/**
 * Measures GET /api/v1/cx/metrics and /cx/findings at 10 million touchpoints: starts the real infrastructure
 * (PostgreSQL, a KRaft broker) and the packaged service ({@code target/quarkus-app/quarkus-run.jar}) as
 * {@link IngestRateMeasurement} does, fills table cx_daily (after the service's Flyway migrations) with every
 * counter row a year can have (365 UTC days x 7 channels x 9 needs x 10 cause details, '' included) holding the
 * counts of {@code touchpoints} touchpoints, times the reports, then records a few real touchpoints through REST
 * and checks that the metrics still add up.
 * Not a test: run it by hand (see the service README), e.g. {@code CxMetricsMeasurement 10000000 200 20}.
 */
public final class CxMetricsMeasurement {
    /** A token of the tests' key with every role, valid for the run (signed once: signing costs the load generator). */
    private static final String BENCH_TOKEN = TestTokens.bearer("channel", "integration", "analyst", "marketing", "admin");

    private static final String[] CHANNELS = { "BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK", "ATM", "CHAT", "EMAIL" };
    private static final int[] CHANNEL_WEIGHTS = { 12, 18, 35, 20, 5, 7, 3 };
    private static final String[] NEEDS = { "PAYMENTS", "CARDS", "LENDING", "SAVINGS", "INSURANCE", "INVESTMENTS",
            "DIGITAL_ACCESS", "ACCOUNT_SERVICE", "OTHER" };
    private static final int[] NEED_WEIGHTS = { 25, 18, 10, 10, 5, 4, 12, 12, 4 };
    private static final String[] CAUSE_DETAILS = { "", "WAITING_TIME", "ERROR", "STAFF", "PRODUCT_TERMS", "OUTAGE",
            "FEES", "PROCESS", "COMMUNICATION", "OTHER" };
    /** Most touchpoints carry no cause detail; the nine details share the negative experiences. */
    private static final int[] CAUSE_WEIGHTS = { 80, 5, 3, 2, 2, 1, 2, 2, 2, 1 };
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CxMetricsMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        try {
            measure(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void measure(String[] args) throws Exception {
        long touchpoints = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int real = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int port = 18083;
        String base = "http://localhost:" + port;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(364);

        RealInfrastructure infra = RealInfrastructure.get();
        String database = infra.createDatabase("interaction_cx_bench");
        Path log = Files.createTempFile("interaction-cx-bench", ".log");
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
        try (Connection db = DriverManager.getConnection(infra.jdbcUrl(database), infra.user(), infra.password())) {
            awaitReady(base, service, log); // Flyway has created cx_daily
            System.out.printf("machine: %d cores, Java %s, max heap of this JVM %d MiB; service -Xmx384m%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20);
            long fillStart = System.nanoTime();
            fill(db, first, today, touchpoints);
            System.out.printf("cx_daily: %d rows, %d touchpoints, days %s..%s (filled in %.1f s)%n",
                    count(db, "select count(*) from cx_daily"), count(db, "select sum(touchpoints) from cx_daily"), first,
                    today, (System.nanoTime() - fillStart) / 1e9);

            LocalDate from30 = today.minusDays(29);
            String[][] runs = {
                    { "metrics 30 days", "/api/v1/cx/metrics?from=" + from30 + "&to=" + today,
                            "select count(*) from cx_daily where day between '" + from30 + "' and '" + today + "'" },
                    { "metrics 30 days, channel=MOBILE_APP", "/api/v1/cx/metrics?from=" + from30 + "&to=" + today + "&channel=MOBILE_APP",
                            "select count(*) from cx_daily where day between '" + from30 + "' and '" + today + "' and channel = 'MOBILE_APP'" },
                    { "metrics 365 days", "/api/v1/cx/metrics?from=" + first + "&to=" + today,
                            "select count(*) from cx_daily where day between '" + first + "' and '" + today + "'" },
                    { "metrics 365 days, channel=MOBILE_APP", "/api/v1/cx/metrics?from=" + first + "&to=" + today + "&channel=MOBILE_APP",
                            "select count(*) from cx_daily where day between '" + first + "' and '" + today + "' and channel = 'MOBILE_APP'" },
                    { "findings (28 + 28 days)", "/api/v1/cx/findings?asOf=" + today,
                            "select count(*) from cx_daily where day between '" + today.minusDays(55) + "' and '" + today + "'" },
            };
            for (String[] run : runs) {
                time(base, run[0], run[1], count(db, run[2]), calls);
            }

            long before = total(base, first, today);
            List<String> clients = register(infra, base, 5);
            int recorded = 0;
            for (int i = 0; i < real; i++) {
                HttpResponse<String> response = post(base, touchpoint(clients.get(i % clients.size()), i));
                if (response.statusCode() == 201) {
                    recorded++;
                } else {
                    System.out.printf("POST answered %d: %s%n", response.statusCode(), response.body());
                }
            }
            long after = total(base, first, today);
            long inTable = count(db, "select sum(touchpoints) from cx_daily");
            System.out.printf("real touchpoints through REST: %d recorded; metrics total %d before, %d after, expected %d: %s;"
                    + " sum in cx_daily %d%n", recorded, before, after, touchpoints + recorded,
                    after == touchpoints + recorded && before == touchpoints && inTable == after ? "ADDS UP" : "DOES NOT ADD UP",
                    inTable);
        } finally {
            service.destroy();
            if (!service.waitFor(15, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /**
     * One row per day, channel, need and cause detail; touchpoints shared out by weight (floor), the rounding
     * remainder added to the largest row so that the sum is exactly {@code touchpoints}. The other counters are
     * plausible shares of a row's touchpoints.
     */
    private static void fill(Connection db, LocalDate first, LocalDate last, long touchpoints) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("create temporary table w_channel (channel text, w int)");
            s.execute("create temporary table w_need (need text, w int)");
            s.execute("create temporary table w_cause (cause_detail text, w int)");
            s.execute("insert into w_channel values " + values(CHANNELS, CHANNEL_WEIGHTS));
            s.execute("insert into w_need values " + values(NEEDS, NEED_WEIGHTS));
            s.execute("insert into w_cause values " + values(CAUSE_DETAILS, CAUSE_WEIGHTS));
            // day weight: weekdays 6, weekends 3, plus a slow rise over the year
            String weights = """
                    with cells as (
                      select d::date as day, c.channel, n.need, k.cause_detail,
                             (case when extract(isodow from d) > 5 then 3 else 6 end * (100 + extract(doy from d)::int %% 100))::numeric
                               * c.w * n.w * k.w as w
                      from generate_series('%s'::date, '%s'::date, interval '1 day') d, w_channel c, w_need n, w_cause k),
                    total as (select sum(w) as w from cells)
                    select cells.day, channel, need, cause_detail, greatest(1, floor(%d * cells.w / total.w))::bigint as t
                    from cells, total
                    """.formatted(first, last, touchpoints);
            s.execute("""
                    insert into cx_daily (day, channel, need, cause_detail, touchpoints, csat_sum, csat_responses,
                      promoters, passives, detractors, negative, negative_bank_caused, repeat_contacts,
                      journeys_closed, journeys_resolved, journeys_fcr)
                    select day, channel, need, cause_detail, t,
                      case when cause_detail = '' then (t * 3 / 10) * 4 + (t * 3 / 10) / 5 else (t * 3 / 10) * 2 end,
                      t * 3 / 10,
                      case when cause_detail = '' then t * 10 / 100 else 0 end,
                      case when cause_detail = '' then t * 6 / 100 else t * 5 / 100 end,
                      case when cause_detail = '' then t * 4 / 100 else t * 15 / 100 end,
                      case when cause_detail = '' then 0 else t * 9 / 10 end,
                      case when cause_detail = '' then 0 else t * 7 / 10 end,
                      t * 8 / 100,
                      t * 6 / 10, t * 5 / 10, t * 4 / 10
                    from (%s) r
                    """.formatted(weights));
            s.execute("""
                    update cx_daily set touchpoints = touchpoints + (%d - (select sum(touchpoints) from cx_daily))
                    where (day, channel, need, cause_detail) =
                      (select day, channel, need, cause_detail from cx_daily order by touchpoints desc limit 1)
                    """.formatted(touchpoints));
            s.execute("analyze cx_daily");
        }
    }

    private static String values(String[] names, int[] weights) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("('").append(names[i]).append("', ").append(weights[i]).append(')');
        }
        return sql.toString();
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void time(String base, String name, String path, long rows, int calls) throws Exception {
        for (int i = 0; i < Math.max(20, calls / 10); i++) { // warm-up
            check(get(base + path));
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            check(get(base + path));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-38s rows read %,7d  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%d calls)%n", name, rows,
                nanos[calls / 2] / 1e6, nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6, nanos[calls - 1] / 1e6, calls);
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + ": " + response.body());
        }
    }

    private static long total(String base, LocalDate from, LocalDate to) throws Exception {
        HttpResponse<String> response = get(base + "/api/v1/cx/metrics?from=" + from + "&to=" + to);
        check(response);
        String body = response.body();
        int at = body.indexOf("\"touchpoints\":") + 14;
        int end = at;
        while (Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(at, end));
    }

    private static String touchpoint(String clientId, int i) {
        Instant at = Instant.now().minusSeconds(3600L + i * 60L);
        boolean negative = i % 4 == 0;
        return """
                {"id": "%s", "clientId": "%s", "occurredAt": "%s", "channel": "%s", "type": "SERVICE_REQUEST",
                 "initiator": "CLIENT", "need": "%s", "outcome": "%s", "valence": "%s", "cause": %s, "causeDetail": %s,
                 "csat": %d, "nps": %d}
                """.formatted(UUID.randomUUID(), clientId, at, CHANNELS[i % CHANNELS.length], NEEDS[i % NEEDS.length],
                i % 2 == 0 ? "RESOLVED" : "UNRESOLVED", negative ? "NEGATIVE" : "POSITIVE",
                negative ? "\"BANK\"" : "null", negative ? "\"WAITING_TIME\"" : "null", 1 + i % 5, i % 11);
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
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
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

    private static HttpResponse<String> post(String base, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/interactions")).header("Authorization", BENCH_TOKEN)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", BENCH_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
