package org.bankcrm.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code crm demo --rate N}: touchpoints of the clients already in the CRM, now, at N per second, until
 * Ctrl-C or the duration. A few clients are watched (a fifth of the stream is theirs): every few seconds it
 * prints how their loyalty scores and next best actions moved after what happened to them. Now and then a
 * channel asks for the next best actions and the client answers, so the offer model keeps learning.
 */
public final class LiveStream {
    public record Options(double rate, Duration duration, int watch, long seed, int workers, String host,
            String bootstrapServers) {
    }

    private record Watched(UUID id, String label, Profile profile) {
    }

    /** The scores, and the next best actions in their order; {@code offers} (sorted) tells a real change from a reshuffle. */
    private record Seen(String loyalty, String actions, String offers) {
        boolean changedFrom(Seen before) {
            return !loyalty.equals(before.loyalty) || !offers.equals(before.offers);
        }
    }

    private final Options options;
    private final CrmApi api;
    private final PrintStream out;
    private final Map<UUID, Profile> profiles = new ConcurrentHashMap<>();
    private final Map<UUID, String> lastTouchpoint = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private volatile boolean stopped;
    private volatile String lastFailure;

    public LiveStream(Options options, PrintStream out) {
        this.options = options;
        this.api = new CrmApi(options.host());
        this.out = out;
    }

    /** Ends the stream (from a shutdown hook on Ctrl-C); {@link #run} prints its last lines and returns. */
    public void stop() {
        stopped = true;
    }

    public void run() throws InterruptedException {
        List<UUID> ids = clientIds(2_000);
        if (ids.isEmpty()) {
            throw new CrmApi.CallFailed("client-service has no clients yet: load the demo bank first (crm demo --load)");
        }
        String run = "live-" + System.nanoTime();
        Rng rng = Rng.forStream(options.seed(), run);
        List<Watched> watched = new ArrayList<>();
        Set<UUID> picked = new HashSet<>();
        while (watched.size() < Math.min(options.watch(), ids.size())) {
            UUID id = rng.pick(ids);
            if (picked.add(id)) {
                Profile profile = profile(id);
                watched.add(new Watched(id, id.toString().substring(0, 8) + " (" + describe(profile) + ")", profile));
            }
        }
        TouchpointGenerator generator = new TouchpointGenerator(BadWeeks.endingAt(Instant.now().minus(Duration.ofDays(365))),
                Instant.now());
        out.printf(Locale.ROOT, "Streaming touchpoints at %.0f/s to %,d clients%s; watching %d of them (a fifth of the stream is theirs). "
                + "Ctrl-C stops.%n", options.rate(), ids.size(),
                options.duration() == null ? "" : " for " + options.duration().toSeconds() + " s", watched.size());
        Map<UUID, Seen> seen = new LinkedHashMap<>();
        for (Watched w : watched) {
            seen.put(w.id(), look(w.id()));
            out.println("  watching " + w.label() + ": " + seen.get(w.id()).loyalty() + " | next best: " + seen.get(w.id()).actions());
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), DemoLoader.daemon("crm-demo-live"));
        Semaphore inFlight = new Semaphore(options.workers() * 8);
        long began = System.nanoTime();
        long end = options.duration() == null ? Long.MAX_VALUE : began + options.duration().toNanos();
        long nextReport = began + 5_000_000_000L;
        long count = 0;
        TouchpointIngest ingest = new TouchpointIngest(options.bootstrapServers());
        try {
            while (!stopped && System.nanoTime() < end) {
                long due = began + (long) (count / options.rate() * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                boolean forWatched = rng.chance(0.2);
                UUID id = forWatched ? rng.pick(watched).id() : rng.pick(ids);
                Rng draw = draw(options.seed(), run, id, count);
                boolean ask = rng.chance(0.05);
                count++;
                if (!inFlight.tryAcquire()) {
                    failed.incrementAndGet(); // the services cannot keep up with the rate: drop, and say so
                    continue;
                }
                pool.submit(() -> {
                    try {
                        send(id, draw, generator, ingest, ask);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        lastFailure = e.getMessage();
                    } finally {
                        inFlight.release();
                    }
                });
                if (System.nanoTime() >= nextReport) {
                    nextReport += 5_000_000_000L;
                    report(began, watched, seen);
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            ingest.close(); // after the senders: they may still be sending
        }
        CrmApi.sleep(1_000);
        report(began, watched, seen);
        out.println("Stopped.");
    }

    /**
     * The draw of one touchpoint: the run is part of its key, so a second stream on the same CRM never repeats a
     * touchpoint id an earlier one sent (interaction-service answers 409 to the same id with other content).
     */
    static Rng draw(long seed, String run, UUID clientId, long count) {
        return Rng.forStream(seed, run + ":" + clientId + ":" + count);
    }

    private void send(UUID id, Rng draw, TouchpointGenerator generator, TouchpointIngest ingest, boolean ask) {
        Profile profile = profile(id);
        Payloads.Touchpoint touchpoint = generator.liveContact(draw, profile, Instant.now()).forClient(id);
        if (TouchpointIngest.viaTopic(touchpoint)) {
            ingest.await(ingest.send(touchpoint));
        } else {
            api.expect("POST", api.interactions() + "/interactions", touchpoint, 201, 200);
        }
        sent.incrementAndGet();
        lastTouchpoint.put(id, touchpoint.type() + " on " + touchpoint.channel() + ", " + touchpoint.valence()
                + (touchpoint.cause() == null ? "" : " (" + touchpoint.cause()
                        + (touchpoint.causeDetail() == null ? "" : " " + touchpoint.causeDetail()) + ")"));
        if (ask && List.of("BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK").contains(touchpoint.channel())) {
            CrmApi.Answer decision = api.expect("POST", api.offers() + "/decisions",
                    new Payloads.DecisionRequest(id, touchpoint.channel(), 3), 201, 404, 410);
            if (decision.status() != 201) {
                return;
            }
            decisions.incrementAndGet();
            JsonNode first = decision.body().path("actions").path(0);
            if (!first.isMissingNode()) {
                double p = ClientAnswers.acceptance(profile, first.path("category").asText(null),
                        first.path("productType").asText(null), touchpoint.channel());
                api.expect("POST", api.offers() + "/decisions/" + decision.body().path("decisionId").asText() + "/responses",
                        new Payloads.ResponseRequest(UUID.fromString(first.path("offerId").asText()),
                                ClientAnswers.answer(p, draw.uniform())), 201, 200);
                answers.incrementAndGet();
            }
        }
    }

    private void report(long began, List<Watched> watched, Map<UUID, Seen> seen) {
        double seconds = (System.nanoTime() - began) / 1e9;
        out.printf(Locale.ROOT, "%s  %,d touchpoints sent (%.1f/s), %,d decisions asked, %,d answered%s%n",
                LocalTime.now(ZoneId.systemDefault()).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")), sent.get(), sent.get() / seconds,
                decisions.get(), answers.get(), failed.get() == 0 ? ""
                        : String.format(Locale.ROOT, ", %,d not sent%s", failed.get(),
                                lastFailure == null ? " (the services did not keep up)" : " (last: " + lastFailure + ")"));
        for (Watched w : watched) {
            Seen now = look(w.id());
            Seen before = seen.put(w.id(), now);
            if (now.changedFrom(before)) {
                out.println("  " + w.label() + " after " + lastTouchpoint.getOrDefault(w.id(), "-") + ":");
                if (!now.loyalty().equals(before.loyalty())) {
                    out.println("      loyalty     " + before.loyalty() + "  →  " + now.loyalty());
                }
                if (!now.offers().equals(before.offers())) {
                    out.println("      next best   " + before.actions() + "  →  " + now.actions());
                }
            }
        }
    }

    private Seen look(UUID id) {
        JsonNode loyalty = api.get(api.loyalty() + "/clients/" + id + "/loyalty").body();
        String scores = loyalty.has("type") ? String.format(Locale.ROOT, "%s B %.0f P %.0f churn %.0f %%",
                loyalty.path("type").asText(), loyalty.path("behavioural").asDouble(), loyalty.path("perceived").asDouble(),
                100 * loyalty.path("churnRisk").asDouble()) : "not scored";
        JsonNode nba = api.get(api.offers() + "/clients/" + id + "/next-best-actions").body();
        List<String> actions = new ArrayList<>();
        nba.path("actions").forEach(a -> actions.add(a.path("offerCode").asText() + " (" + a.path("category").asText() + ")"));
        List<String> sorted = new ArrayList<>(actions);
        sorted.sort(null);
        return new Seen(scores, actions.isEmpty() ? "none" : String.join(", ", actions), String.join(",", sorted));
    }

    private List<UUID> clientIds(int max) {
        List<UUID> ids = new ArrayList<>();
        for (int page = 0; ids.size() < max; page++) {
            JsonNode body = api.expect("GET", api.clients() + "/clients?size=100&page=" + page, null, 200).body();
            body.path("items").forEach(c -> ids.add(UUID.fromString(c.path("id").asText())));
            if (body.path("items").size() < 100) {
                break;
            }
        }
        return ids;
    }

    /** What the generator needs of the client, from client-service; the mood is drawn once per client. */
    private Profile profile(UUID id) {
        return profiles.computeIfAbsent(id, key -> {
            JsonNode c = api.expect("GET", api.clients() + "/clients/" + key, null, 200).body();
            Integer age = c.hasNonNull("birthDate")
                    ? Period.between(LocalDate.parse(c.path("birthDate").asText()), LocalDate.now(ZoneOffset.UTC)).getYears()
                    : null;
            Set<String> products = new HashSet<>();
            c.path("products").forEach(p -> products.add(p.asText()));
            String preferred = c.path("preferredChannel").asText(null);
            Rng rng = Rng.forStream(options.seed(), key.toString());
            boolean app = "MOBILE_APP".equals(preferred) || rng.chance(age == null || age < 55 ? 0.6 : 0.2);
            return new Profile(c.path("type").asText("INDIVIDUAL"), age, c.path("incomeBracket").asText(null), preferred,
                    products, 1 + (int) (rng.uniform() * PopulationGenerator.HOME_BRANCHES), rng.normal(0, 1), app);
        });
    }

    private static String describe(Profile p) {
        return (p.business() ? "business" : p.age() + " y") + (p.incomeBracket() == null ? "" : ", " + p.incomeBracket())
                + ", " + p.products().size() + " products";
    }
}
