package org.bankcrm.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.bankcrm.demo.CrmApi;
import org.bankcrm.demo.Payloads;

/**
 * A core system's bulk load, as a bank's monthly extract arrives: new clients registered in batches of 100
 * ({@code POST /clients:batch}), then twelve months of financials each through {@code POST /financials/batch} (requests
 * of whole clients, at most 1,000 rows, {@value #SENDERS} senders at once), while a channel keeps asking the decision
 * point at a constant rate. Reports the rows per second of each part and the decisions' latency meanwhile; the chain
 * (loyalty rescoring the clients, offer-service deciding on the scores) digests the load behind it, which the bench's
 * settling after this phase measures.
 */
final class BulkLoad {
    static final int SENDERS = 2;
    static final int REGISTRATION_BATCH = 100;
    static final int MONTHS = 12;
    static final double DECISION_RATE = 10;

    private final StackState stack;
    private final Http http;
    private final List<String> decisionClients;
    private final long seed;
    private final Consumer<String> say;

    BulkLoad(StackState stack, Http http, List<String> decisionClients, long seed, Consumer<String> say) {
        this.stack = stack;
        this.http = http;
        this.decisionClients = decisionClients;
        this.seed = seed;
        this.say = say;
    }

    Map<String, Object> run(int clients) throws Exception {
        CrmApi api = DemoBank.api(stack);
        SplittableRandom random = new SplittableRandom(seed);
        String run = Long.toString(System.currentTimeMillis(), 36);

        say.accept(String.format(Locale.ROOT, "bulk load: %,d clients registered, then %,d months of financials, decisions at %.0f/s meanwhile",
                clients, (long) clients * MONTHS, DECISION_RATE));
        long began = System.nanoTime();
        List<UUID> ids = new ArrayList<>(clients);
        for (int from = 0; from < clients; from += REGISTRATION_BATCH) {
            List<Payloads.RegisterClient> batch = new ArrayList<>();
            for (int i = from; i < Math.min(clients, from + REGISTRATION_BATCH); i++) {
                batch.add(registration(run, i, random));
            }
            api.expect("POST", api.clients() + "/clients:batch", Map.of("clients", batch), 201).body().path("ids")
                    .forEach(id -> ids.add(UUID.fromString(id.asText())));
        }
        double registrationSeconds = (System.nanoTime() - began) / 1e9;

        List<List<Payloads.ClientMonth>> requests = requests(ids, random);
        long rows = requests.stream().mapToLong(List::size).sum();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 1, r -> {
            Thread thread = new Thread(r, "bench-bulk");
            thread.setDaemon(true);
            return thread;
        });
        try {
            String url = stack.baseUrl("offer-service") + "/api/v1/decisions";
            Future<ConstantRate.Result> decisions = pool.submit(() -> ConstantRate.runUntil(DECISION_RATE, done::get,
                    Duration.ofHours(6), Duration.ofSeconds(10), 5_000, (sequence, intended) -> http.postAsync(url,
                            "{\"clientId\":\"" + decisionClients.get((int) (sequence % decisionClients.size()))
                                    + "\",\"channel\":\"MOBILE_APP\",\"limit\":3}")));
            long monthsBegan = System.nanoTime();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.add(pool.submit(() -> {
                    for (int r = sender; r < requests.size() && failure.get() == null; r += SENDERS) {
                        try {
                            api.expect("POST", api.clients() + "/financials/batch", Map.of("months", requests.get(r)), 201);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
            double monthsSeconds = (System.nanoTime() - monthsBegan) / 1e9;
            done.set(true);
            ConstantRate.Result answered = decisions.get();
            if (failure.get() != null) {
                throw failure.get();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("clients", clients);
            out.put("registrationSeconds", round(registrationSeconds));
            out.put("registrationsPerSecond", round(clients / registrationSeconds));
            out.put("financialRows", rows);
            out.put("financialRequests", requests.size());
            out.put("senders", SENDERS);
            out.put("financialsSeconds", round(monthsSeconds));
            out.put("financialRowsPerSecond", round(rows / monthsSeconds));
            Map<String, Object> meanwhile = new LinkedHashMap<>();
            meanwhile.put("targetRate", DECISION_RATE);
            meanwhile.put("achievedRate", round(answered.achievedRate()));
            meanwhile.put("requests", answered.recorded());
            meanwhile.put("errors", answered.failed());
            meanwhile.put("errorsByKind", answered.errors());
            meanwhile.put("latency", answered.latency().toMap());
            out.put("decisionsMeanwhile", meanwhile);
            say.accept(String.format(Locale.ROOT, "  registered %,d clients in %.1f s (%,.0f/s); %,d months in %.1f s: %,.0f rows/s; "
                    + "decisions meanwhile p50 %.1f ms p99 %.1f ms, %d errors", clients, registrationSeconds, clients / registrationSeconds,
                    rows, monthsSeconds, rows / monthsSeconds, answered.latency().p50(), answered.latency().p99(), answered.failed()));
            return out;
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }

    /** Requests of whole clients (their twelve months together), each at most 1,000 rows, in client order. */
    static List<List<Payloads.ClientMonth>> requests(List<UUID> ids, SplittableRandom random) {
        int clientsPerRequest = 1_000 / MONTHS;
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        List<List<Payloads.ClientMonth>> requests = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += clientsPerRequest) {
            List<Payloads.ClientMonth> request = new ArrayList<>();
            for (UUID id : ids.subList(from, Math.min(ids.size(), from + clientsPerRequest))) {
                double balance = 500 + random.nextDouble() * 20_000;
                int transactions = 5 + random.nextInt(60);
                for (int back = MONTHS; back >= 1; back--) {
                    request.add(new Payloads.ClientMonth(id, thisMonth.minusMonths(back), money(5 + random.nextDouble() * 60),
                            money(2 + random.nextDouble() * 15), money(balance * (0.9 + random.nextDouble() * 0.2)),
                            Math.max(0, transactions + random.nextInt(11) - 5), money(transactions * (20 + random.nextDouble() * 80))));
                }
            }
            requests.add(request);
        }
        return requests;
    }

    private static Payloads.RegisterClient registration(String run, int i, SplittableRandom random) {
        LocalDate born = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
        return new Payloads.RegisterClient(String.format(Locale.ROOT, "BENCH-BULK-%s-%07d", run, i), "INDIVIDUAL",
                "Bulk client " + i, born, null, null, null, LocalDate.of(2010 + random.nextInt(14), 1, 1),
                new Payloads.Consents(false, false, false, false, true), null);
    }

    private static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
