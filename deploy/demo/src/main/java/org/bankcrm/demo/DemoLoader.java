package org.bankcrm.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Loads a generated bank through the public APIs and topics: clients in batches of 100 over
 * {@code POST /api/v1/clients:batch}, their products and financials over {@code POST /api/v1/products/batch} and
 * {@code POST /api/v1/financials/batch}; per client, its consent change over client-service's REST API and its
 * touchpoints' history over {@code crm.touchpoint.ingest.v1} (a bank's history arrives in bulk, not one channel call
 * at a time; until 2026-12-07 channels' contacts went one REST call each, which made the load wait on every client's
 * registration and took 148 s for 500 clients); last, a channel asks offer-service for the next best actions of
 * about one client in eight over REST and the client answers the first.
 * A few clients are loaded at once; progress is printed every few seconds.
 */
public final class DemoLoader {
    static final int BATCH = 100;

    public record Options(int clients, long seed, int workers, String host, String bootstrapServers) {
    }

    /** What was sent; the summary reads the rest back from the services. */
    public record Loaded(int clients, long products, long financials, long consentChanges, long touchpointsRest,
            long touchpointsTopic, long decisions, long responses, long accepted, Duration took) {
    }

    private final Options options;
    private final CrmApi api;
    private final PrintStream out;
    private final AtomicLong clients = new AtomicLong();
    private final AtomicLong products = new AtomicLong();
    private final AtomicLong financials = new AtomicLong();
    private final AtomicLong consents = new AtomicLong();
    private final AtomicLong rest = new AtomicLong();
    private final AtomicLong topic = new AtomicLong();
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public DemoLoader(Options options, PrintStream out) {
        this(options, new CrmApi(options.host()), out);
    }

    /** Loads into the CRM that {@code api} addresses (e.g. a stack on free ports); {@code options.host()} is not used. */
    public DemoLoader(Options options, CrmApi api, PrintStream out) {
        this.options = options;
        this.api = api;
        this.out = out;
    }

    /** How many clients client-service has (the launcher loads the demo only into an empty CRM). */
    public static long clientCount(CrmApi api) {
        return api.expect("GET", api.clients() + "/clients?size=1", null, 200).body().path("total").asLong();
    }

    public Loaded load() throws InterruptedException {
        return load(Instant.now());
    }

    /**
     * Loads the bank {@code new PopulationGenerator(seed, now)} generates: with the same {@code now} a test can generate
     * the same clients itself and compute what the CRM should answer (deploy/system-tests, the demo bank's KPIs).
     */
    public Loaded load(Instant now) throws InterruptedException {
        long began = System.nanoTime();
        PopulationGenerator generator = new PopulationGenerator(options.seed(), now);
        BadWeeks bad = generator.badWeeks();
        out.printf(Locale.ROOT, "Loading the demo bank: %,d clients (seed %d), 12 months of financials, touchpoints of the last %d days%n",
                options.clients(), options.seed(), TouchpointGenerator.HISTORY.toDays());
        out.printf(Locale.ROOT, "  bad weeks: mobile-app outage %s..%s, long queues at branch %d %s..%s%n",
                day(bad.outageFrom()), day(bad.outageTo()), bad.queueBranch(), day(bad.queuesFrom()), day(bad.queuesTo()));
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), daemon("crm-demo-load"));
        Semaphore inFlight = new Semaphore(options.workers() * 4);
        ScheduledProgress progress = new ScheduledProgress(began);
        java.util.concurrent.ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("crm-demo-progress"));
        ticker.scheduleAtFixedRate(progress::maybePrint, 1, 1, TimeUnit.SECONDS);
        List<DemoClient> withDecision = new ArrayList<>();
        Map<Integer, UUID> decisionIds = new java.util.concurrent.ConcurrentHashMap<>();
        try (TouchpointIngest ingest = new TouchpointIngest(options.bootstrapServers())) {
            for (int from = 0; from < options.clients() && failure.get() == null; from += BATCH) {
                int to = Math.min(options.clients(), from + BATCH);
                List<DemoClient> chunk = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    chunk.add(generator.client(i));
                }
                List<UUID> ids = register(chunk);
                clients.addAndGet(chunk.size());
                loadPortfolios(chunk, ids);
                for (int k = 0; k < chunk.size(); k++) {
                    DemoClient client = chunk.get(k);
                    UUID id = ids.get(k);
                    if (client.decisionChannel() != null) {
                        withDecision.add(client);
                        decisionIds.put(client.index(), id);
                    }
                    inFlight.acquire();
                    pool.submit(() -> {
                        try {
                            if (failure.get() == null) {
                                loadClient(client, id, ingest);
                            }
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
                progress.maybePrint();
            }
            inFlight.acquire(options.workers() * 4);
            inFlight.release(options.workers() * 4);
            ingest.flush();
            throwIfFailed();
            progress.print();
            // the channels ask once the history is in: every service has consumed what the load sent and set off
            try (Backlog backlog = new Backlog(options.bootstrapServers())) {
                Backlog.Settled settled = backlog.settle(Duration.ofMinutes(5));
                out.printf(Locale.ROOT, "  the services consumed the history %.0f s after the last record%s%n", settled.seconds(),
                        settled.settled() ? "" : " (not all: " + settled.lagLeft() + " records left after 5 minutes)");
            }
            // the channels ask for next best actions now that the history is in; the clients answer the first one
            List<Future<?>> asked = new ArrayList<>();
            for (DemoClient client : withDecision) {
                asked.add(pool.submit(() -> decideAndAnswer(client, decisionIds.get(client.index()))));
            }
            for (Future<?> f : asked) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failure.compareAndSet(null, e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause()));
                }
                progress.maybePrint();
            }
            throwIfFailed();
        } finally {
            ticker.shutdownNow();
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        progress.print();
        return new Loaded(clients.intValue(), products.get(), financials.get(), consents.get(), rest.get(), topic.get(),
                decisions.get(), responses.get(), accepted.get(), Duration.ofNanos(System.nanoTime() - began));
    }

    private void throwIfFailed() {
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private List<UUID> register(List<DemoClient> chunk) {
        Map<String, Object> body = Map.of("clients", chunk.stream().map(DemoClient::registration).toList());
        CrmApi.Answer answer = api.call("POST", api.clients() + "/clients:batch", body);
        if (answer.status() == 409) {
            throw new CrmApi.CallFailed("client-service already has a client of this demo bank (externalRef "
                    + chunk.get(answer.body().path("index").asInt(0)).registration().externalRef()
                    + "): it was loaded before. Use another --seed, or start afresh with crm down && crm reset.");
        }
        if (answer.status() != 201) {
            throw new CrmApi.CallFailed("POST /clients:batch answered " + answer.status() + ": " + answer.text());
        }
        List<UUID> ids = new ArrayList<>();
        answer.body().path("ids").forEach(id -> ids.add(UUID.fromString(id.asText())));
        return ids;
    }

    /**
     * The chunk's products and twelve months of financials as core banking sends them: in bulk
     * ({@code POST /products/batch}, {@code POST /financials/batch}), each client's segments and value recomputed once.
     */
    private void loadPortfolios(List<DemoClient> chunk, List<UUID> ids) {
        List<Payloads.ProductOpening> openings = new ArrayList<>();
        List<Payloads.ClientMonth> months = new ArrayList<>();
        for (int k = 0; k < chunk.size(); k++) {
            UUID id = ids.get(k);
            chunk.get(k).products().forEach(product -> openings.add(new Payloads.ProductOpening(id, product)));
            chunk.get(k).financials().forEach(month -> months.add(Payloads.ClientMonth.of(id, month)));
        }
        api.openProducts(openings);
        products.addAndGet(openings.size());
        api.recordMonths(months);
        financials.addAndGet(months.size());
    }

    private void loadClient(DemoClient client, UUID id, TouchpointIngest ingest) {
        String base = api.clients() + "/clients/" + id;
        if (client.consentChange() != null) {
            api.expect("PUT", base + "/consents", client.consentChange(), 200);
            consents.incrementAndGet();
        }
        // the history, as a bank moving to the CRM sends it: in bulk over the ingest topic, in each client's order (one
        // key, one partition), applied in batches; the channels' REST path is the live stream's (crm demo --rate)
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Payloads.Touchpoint t : client.touchpoints()) {
            sent.add(ingest.send(t.forClient(id)));
            topic.incrementAndGet();
        }
        sent.forEach(ingest::await);
    }

    private void decideAndAnswer(DemoClient client, UUID id) {
        CrmApi.Answer decision = api.expectOnceKnown("POST", api.offers() + "/decisions",
                new Payloads.DecisionRequest(id, client.decisionChannel(), 3), Duration.ofSeconds(60), 201, 410);
        if (decision.status() != 201) {
            return;
        }
        decisions.incrementAndGet();
        JsonNode first = decision.body().path("actions").path(0);
        if (first.isMissingNode()) {
            return;
        }
        double p = ClientAnswers.acceptance(client.profile(), first.path("category").asText(null),
                first.path("productType").asText(null), client.decisionChannel());
        String outcome = ClientAnswers.answer(p, client.responseDraw());
        String decisionId = decision.body().path("decisionId").asText();
        api.expect("POST", api.offers() + "/decisions/" + decisionId + "/responses",
                new Payloads.ResponseRequest(UUID.fromString(first.path("offerId").asText()), outcome), 201, 200);
        responses.incrementAndGet();
        if ("ACCEPTED".equals(outcome)) {
            accepted.incrementAndGet();
            String product = first.path("productType").asText(null);
            if ("SALES".equals(first.path("category").asText()) && product != null) {
                // an accepted sale is a product opened in core banking
                api.expect("POST", api.clients() + "/clients/" + id + "/products",
                        new Payloads.OpenProduct(product, LocalDate.now(ZoneOffset.UTC), null), 201, 409);
            }
        }
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One progress line every five seconds. */
    private final class ScheduledProgress {
        private final long began;
        private long last;

        ScheduledProgress(long began) {
            this.began = began;
            this.last = began;
        }

        synchronized void maybePrint() {
            if (System.nanoTime() - last > 5_000_000_000L) {
                print();
            }
        }

        synchronized void print() {
            last = System.nanoTime();
            double seconds = (last - began) / 1e9;
            long requests = clients.get() / BATCH + products.get() + financials.get() + consents.get() + rest.get()
                    + decisions.get() * 2;
            out.printf(Locale.ROOT, "  %5.0f s  clients %,d/%,d  products %,d  financials %,d  consents %,d  touchpoints %,d (REST) + %,d (topic)"
                    + "  decisions %,d  answers %,d   %.0f requests/s%n", seconds, clients.get(), options.clients(),
                    products.get(), financials.get(), consents.get(), rest.get(), topic.get(), decisions.get(),
                    responses.get(), requests / Math.max(0.001, seconds));
        }
    }
}
