package org.bankcrm.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code crm demo --replay-bank-marketing}: the UCI Bank Marketing phone campaigns (a Portuguese bank offering a
 * term deposit, 2008-2010; CC BY 4.0) replayed through the running CRM, in file (time) order. Every column a CRM
 * holds goes to a real field of the services: age, job → occupation (and an income bracket), marital status,
 * education, housing and personal loan → products held (client-service, read by offer-service from its events);
 * {@code campaign}, {@code pdays}, {@code previous}, {@code poutcome} → the client's contact history, recorded as
 * real decisions and answers of offer-service dated when they were given ({@code respondedAt}); {@code contact} and
 * the five economic indicators → the decision's {@code context.features}. Then the call centre asks for the client's
 * next best actions with the campaign's term-deposit offer in the catalogue and the row's answer {@code y} is posted
 * (ACCEPTED or DECLINED). {@code month} and {@code day_of_week} give the call's planned date
 * ({@code context.contactDate}: the next date from today in that month on that weekday; the data has no year).
 * {@code duration} (known only after the call) and {@code default} (no CRM field) are never used. At the end it prints
 * what the offer model learnt and how well the propensities ranked the subscribers (AUC of the Thompson sample the
 * ranking used and of the posterior mean, both before the answer).
 */
public final class BankMarketingReplay {
    public static final String OFFER_CODE = "UCI_TERM_DEPOSIT_CAMPAIGN";
    static final String BUNDLED = "/bank-marketing/bank-additional-full.csv.gz";

    public record Options(Path file, int rows, int workers, String host) {
    }

    /** One row of bank-additional-full.csv, the columns the CRM can hold, and the answer. */
    record Row(int number, int age, String job, String marital, String education, String housing, String loan,
            String contact, String month, String dayOfWeek, int campaign, int pdays, int previous, String poutcome, double empVarRate, double consPriceIdx,
            double consConfIdx, double euribor3m, double nrEmployed, boolean subscribed) {
    }

    /**
     * A replayed call: whether the decision ranked the offer, the Thompson sample the ranking used and the posterior
     * mean, both before the answer; the history contacts recorded and those the contact policy refused.
     */
    record Outcome(Row row, boolean presented, double propensity, double expected, String ageBand, String income,
            int historyRecorded, int historyRefused) {
    }

    /** client-service registration with the optional profile (DESIGN.md "Client profile"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Registration(String externalRef, String type, String fullName, LocalDate birthDate, String incomeBracket,
            Payloads.Consents consents, String preferredChannel, String occupation, String maritalStatus,
            String education) {
    }

    /** offer-service POST /decisions with what the campaign system knows of the moment. */
    record Decide(UUID clientId, String channel, int limit, Map<String, Object> context) {
    }

    /** offer-service POST /decisions/{id}/responses, dated when the answer was given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(UUID offerId, String outcome, Instant respondedAt) {
    }

    /** One earlier contact of the client about the campaign's offer: how long ago, and the answer. */
    record PastCall(Duration ago, String outcome) {
    }

    private final Options options;
    private final CrmApi api;
    private final PrintStream out;

    public BankMarketingReplay(Options options, PrintStream out) {
        this.options = options;
        this.api = new CrmApi(options.host());
        this.out = out;
    }

    /** The CSV: the given file, else {@code <root>/../shared/data/bank-marketing/}, else the copy bundled in this jar. */
    static List<Row> read(Path file, Path root) throws IOException {
        if (file != null) {
            return parse(file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file));
        }
        Path shared = root == null ? null : root.resolve("../shared/data/bank-marketing/bank-additional-full.csv").normalize();
        if (shared != null && Files.isRegularFile(shared)) {
            return parse(Files.newInputStream(shared));
        }
        InputStream bundled = BankMarketingReplay.class.getResourceAsStream(BUNDLED);
        if (bundled == null) {
            throw new IOException("bank-additional-full.csv not found (give --file)");
        }
        return parse(new GZIPInputStream(bundled));
    }

    static final List<String> COLUMNS = List.of("age", "job", "marital", "education", "housing", "loan", "contact",
            "month", "day_of_week", "campaign", "pdays", "previous", "poutcome", "emp.var.rate", "cons.price.idx", "cons.conf.idx", "euribor3m",
            "nr.employed", "y");

    static List<Row> parse(InputStream in) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] header = split(reader.readLine());
            Map<String, Integer> at = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                at.put(header[i], i);
            }
            for (String name : COLUMNS) {
                if (!at.containsKey(name)) {
                    throw new IOException("not the bank-marketing CSV: no column '" + name + "'");
                }
            }
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = split(line);
                number++;
                rows.add(new Row(number, Integer.parseInt(f[at.get("age")]), f[at.get("job")], f[at.get("marital")],
                        f[at.get("education")], f[at.get("housing")], f[at.get("loan")], f[at.get("contact")],
                        f[at.get("month")], f[at.get("day_of_week")], Integer.parseInt(f[at.get("campaign")]), Integer.parseInt(f[at.get("pdays")]),
                        Integer.parseInt(f[at.get("previous")]), f[at.get("poutcome")],
                        Double.parseDouble(f[at.get("emp.var.rate")]), Double.parseDouble(f[at.get("cons.price.idx")]),
                        Double.parseDouble(f[at.get("cons.conf.idx")]), Double.parseDouble(f[at.get("euribor3m")]),
                        Double.parseDouble(f[at.get("nr.employed")]), "yes".equals(f[at.get("y")])));
            }
        }
        return rows;
    }

    private static String[] split(String line) {
        String[] fields = line.split(";", -1);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].replace("\"", "").trim();
        }
        return fields;
    }

    /** Every k-th row, so that a shorter replay still spans the whole 2008-2010 period in time order. */
    static List<Row> spread(List<Row> rows, int wanted) {
        if (wanted <= 0 || wanted >= rows.size()) {
            return rows;
        }
        List<Row> picked = new ArrayList<>(wanted);
        double step = rows.size() / (double) wanted;
        for (int i = 0; i < wanted; i++) {
            picked.add(rows.get((int) (i * step)));
        }
        return picked;
    }

    /** The CRM's income bracket for a job of the data (the data has no income). */
    static String incomeBracket(String job) {
        return switch (job) {
            case "management", "entrepreneur" -> "UPPER_MIDDLE";
            case "admin.", "technician", "self-employed" -> "MIDDLE";
            case "blue-collar", "services", "housemaid", "retired", "student", "unemployed" -> "LOW";
            default -> null;
        };
    }

    static String ageBand(int age) {
        return age < 18 ? "AGE_14_17" : age < 25 ? "AGE_18_24" : age < 35 ? "AGE_25_34" : age < 45 ? "AGE_35_44"
                : age < 55 ? "AGE_45_54" : age < 65 ? "AGE_55_64" : "AGE_65_PLUS";
    }

    /** The CRM's occupation for a job of the data; null when the data does not know it. */
    static String occupation(String job) {
        return switch (job) {
            case "admin.", "blue-collar", "technician", "services", "housemaid" -> "EMPLOYEE";
            case "management" -> "MANAGER";
            case "self-employed" -> "SELF_EMPLOYED";
            case "entrepreneur" -> "ENTREPRENEUR";
            case "retired" -> "RETIRED";
            case "student" -> "STUDENT";
            case "unemployed" -> "UNEMPLOYED";
            default -> null;
        };
    }

    /** The data's "divorced" means divorced or widowed; the CRM has no code for both, so it stays DIVORCED. */
    static String maritalStatus(String marital) {
        return switch (marital) {
            case "single" -> "SINGLE";
            case "married" -> "MARRIED";
            case "divorced" -> "DIVORCED";
            default -> null;
        };
    }

    /** Portuguese schooling by ISCED level: 4 and 6 years of basic school primary, 9 years and more secondary. */
    static String education(String education) {
        return switch (education) {
            case "illiterate", "basic.4y", "basic.6y" -> "PRIMARY";
            case "basic.9y", "high.school", "professional.course" -> "SECONDARY";
            case "university.degree" -> "TERTIARY";
            default -> null;
        };
    }

    static Registration registration(Row row, String run, LocalDate today) {
        return new Registration(String.format(Locale.ROOT, "UCI-BM-%s-%05d", run, row.number()), "INDIVIDUAL",
                "UCI bank-marketing client " + row.number(), today.minusYears(row.age()).minusDays(1 + row.number() % 300),
                incomeBracket(row.job()), new Payloads.Consents(false, false, false, true, true), "CALL_CENTER",
                occupation(row.job()), maritalStatus(row.marital()), education(row.education()));
    }

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /**
     * The date the campaign plans the row's call for: the next date on or after {@code today} in the row's month on
     * its weekday (the data has month and weekday, no year); always within a year, as offer-service requires.
     */
    static LocalDate contactDate(Row row, LocalDate today) {
        int month = MONTHS.indexOf(row.month()) + 1;
        DayOfWeek day = DayOfWeek.of(WEEKDAYS.indexOf(row.dayOfWeek()) + 1);
        LocalDate date = today.with(TemporalAdjusters.nextOrSame(day));
        while (date.getMonthValue() != month) {
            date = date.plusWeeks(1);
        }
        return date;
    }

    /**
     * What the campaign system knows at the moment of the call: the date it plans the call for, whether it dials a
     * mobile, and the economy as the published series stand (offer-service's allow-list of context.features).
     */
    static Map<String, Object> context(Row row, LocalDate today) {
        Map<String, Object> features = new TreeMap<>();
        features.put("reachedOnMobile", "cellular".equals(row.contact()) ? 1 : 0);
        features.put("employmentVariationRate", row.empVarRate());
        features.put("consumerPriceIndex", row.consPriceIdx());
        features.put("consumerConfidenceIndex", row.consConfIdx());
        features.put("euribor3m", row.euribor3m());
        features.put("employedThousands", row.nrEmployed());
        return Map.of("features", features, "contactDate", contactDate(row, today));
    }

    /**
     * The row's earlier contacts, oldest first: the previous campaign's {@code previous} calls {@code pdays} days ago
     * (the last with its outcome {@code poutcome}) when the data dates them (pdays 999: no date, not recorded), then
     * this campaign's {@code campaign - 1} earlier calls, spread over the 28 days before the call, or the {@code pdays}
     * since the previous campaign's (the data does not date them). Every call but a campaign's last is INTERESTED: the
     * campaign called the client again because there was no final answer yet (offer-service learns no INTERESTED).
     */
    static List<PastCall> history(Row row) {
        List<PastCall> calls = new ArrayList<>();
        if (row.pdays() != 999 && row.previous() > 0) {
            Duration at = Duration.ofDays(row.pdays()).plusHours(1);
            for (int k = 0; k < row.previous(); k++) {
                boolean last = k == row.previous() - 1;
                String outcome = !last ? "INTERESTED" : switch (row.poutcome()) {
                    case "success" -> "ACCEPTED";
                    case "failure" -> "DECLINED";
                    default -> "IGNORED";
                };
                calls.add(new PastCall(at.plusMinutes(row.previous() - k), outcome));
            }
        }
        // after the previous campaign's last call: within pdays days when it is dated (half a day when pdays is 0)
        double window = row.pdays() != 999 && row.previous() > 0 ? Math.max(0.5, Math.min(28, row.pdays())) : 28;
        for (int j = row.campaign() - 1; j >= 1; j--) {
            calls.add(new PastCall(Duration.ofMinutes(Math.round(window * 24 * 60 * j / row.campaign())), "INTERESTED"));
        }
        return calls;
    }

    /**
     * The products the row says the client holds. No current account: the data has no column for it, and one for
     * every client would be a constant to the model that costs a product opening (and its event chain) per row.
     */
    static List<String> products(Row row) {
        List<String> held = new ArrayList<>();
        if ("yes".equals(row.housing())) {
            held.add("MORTGAGE");
        }
        if ("yes".equals(row.loan())) {
            held.add("CONSUMER_LOAN");
        }
        return held;
    }

    public void run(Path root) throws IOException, InterruptedException {
        long began = System.nanoTime();
        List<Row> all = read(options.file(), root);
        List<Row> rows = spread(all, options.rows());
        long yes = rows.stream().filter(Row::subscribed).count();
        out.printf(Locale.ROOT, "Replaying %,d of the %,d UCI bank-marketing calls (term deposit; %,d subscribed, %.1f %%) through the CRM%n",
                rows.size(), all.size(), yes, 100.0 * yes / rows.size());
        UUID offerId = campaignOffer();
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36).toUpperCase(Locale.ROOT);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), DemoLoader.daemon("crm-demo-replay"));
        // products open on their own threads a chunk ahead, so their events reach offer-service while the previous
        // chunk is replayed and a worker rarely waits for the read model
        ExecutorService opening = Executors.newFixedThreadPool(Math.max(1, options.workers() / 4),
                DemoLoader.daemon("crm-demo-products"));
        List<Outcome> outcomes = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        Progress progress = new Progress(began, rows.size());
        try {
            // the next chunk registers while the previous one is replayed: at most two chunks in flight, so the calls
            // stay close to the file's time order and the workers never wait for a registration
            List<Future<Outcome>> inFlight = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += DemoLoader.BATCH) {
                List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + DemoLoader.BATCH));
                Map<String, Object> body = Map.of("clients", chunk.stream().map(r -> registration(r, run, today)).toList());
                JsonNode registered = api.expect("POST", api.clients() + "/clients:batch", body, 201).body();
                List<Future<Outcome>> previous = inFlight;
                inFlight = new ArrayList<>();
                List<Payloads.ProductOpening> openings = new ArrayList<>();
                for (int k = 0; k < chunk.size(); k++) {
                    UUID id = UUID.fromString(registered.path("ids").path(k).asText());
                    products(chunk.get(k)).forEach(p -> openings.add(new Payloads.ProductOpening(id,
                            new Payloads.OpenProduct(p, null, null))));
                }
                // the chunk's products in one POST /products/batch, as core banking sends them
                Future<?> products = opening.submit(() -> api.openProducts(openings));
                for (int k = 0; k < chunk.size(); k++) {
                    Row row = chunk.get(k);
                    UUID id = UUID.fromString(registered.path("ids").path(k).asText());
                    inFlight.add(pool.submit(() -> {
                        products.get();
                        Outcome o = replay(row, id, offerId);
                        done.incrementAndGet();
                        return o;
                    }));
                }
                collect(previous, outcomes);
                progress.report(done.get(), api.requests(), out);
            }
            collect(inFlight, outcomes);
        } finally {
            pool.shutdownNow();
            opening.shutdownNow();
            // the campaign is over: the offer leaves the active catalogue, its model stays readable
            api.call("PUT", api.offers() + "/offers/" + offerId, campaign(false));
        }
        report(outcomes, offerId, Duration.ofNanos(System.nanoTime() - began));
    }

    private static void collect(List<Future<Outcome>> futures, List<Outcome> outcomes) throws InterruptedException {
        for (Future<Outcome> f : futures) {
            try {
                outcomes.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
            }
        }
    }

    /** Progress every 30 s: rows replayed, calls (rows) per second and HTTP requests per second, overall and lately. */
    static final class Progress {
        private final long began;
        private final int rows;
        private long lastAt;
        private long lastRows;
        private long lastRequests;

        Progress(long began, int rows) {
            this.began = began;
            this.rows = rows;
            this.lastAt = began;
        }

        void report(long done, long requests, PrintStream out) {
            long now = System.nanoTime();
            if (now - lastAt < 30_000_000_000L) {
                return;
            }
            double seconds = (now - began) / 1e9;
            double lately = (now - lastAt) / 1e9;
            out.printf(Locale.ROOT, "  %5.0f s  %,d/%,d rows  %.1f calls/s (last 30 s: %.1f)  %.0f requests/s%n", seconds,
                    done, rows, done / seconds, (done - lastRows) / lately, (requests - lastRequests) / lately);
            out.flush();
            lastAt = now;
            lastRows = done;
            lastRequests = requests;
        }
    }


    /**
     * Waits, polling with back-off, until offer-service's read model holds the client with its products: the decision
     * must see what the client holds and the consents it gave (up to 5 minutes: a CRM just started, on a busy machine,
     * takes a while to join its consumer groups).
     */
    private void awaitReadModel(UUID id, int products) {
        long deadline = System.nanoTime() + 300_000_000_000L;
        long pause = 20;
        while (true) {
            CrmApi.Answer model = api.get(api.offers() + "/read-model/clients/" + id);
            if (model.status() == 200 && model.body().path("heldProducts").size() >= products) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new CrmApi.CallFailed("offer-service's read model did not get client " + id + " within 5 minutes");
            }
            CrmApi.sleep(pause);
            pause = Math.min(500, pause * 2);
        }
    }

    private Outcome replay(Row row, UUID id, UUID offerId) {
        awaitReadModel(id, products(row).size());
        Map<String, Object> context = context(row, LocalDate.now(ZoneOffset.UTC));
        // the contact history through the response path: one decision per earlier call, its answer dated when given
        int recorded = 0;
        int refused = 0;
        for (PastCall call : history(row)) {
            JsonNode past = decide(id, context);
            if (action(past) == null) {
                refused++;
                continue;
            }
            api.expect("POST", api.offers() + "/decisions/" + past.path("decisionId").asText() + "/responses",
                    new Answer(offerId, call.outcome(), Instant.now().minus(call.ago())), 201, 200);
            recorded++;
        }
        JsonNode decision = decide(id, context);
        JsonNode action = action(decision);
        String band = ageBand(row.age());
        String income = incomeBracket(row.job()) == null ? "(unknown job)" : incomeBracket(row.job());
        if (action == null) {
            return new Outcome(row, false, 0, 0, band, income, recorded, refused);
        }
        api.expect("POST", api.offers() + "/decisions/" + decision.path("decisionId").asText() + "/responses",
                new Answer(offerId, row.subscribed() ? "ACCEPTED" : "DECLINED", null), 201, 200);
        JsonNode components = action.path("components");
        return new Outcome(row, true, components.path("propensity").asDouble(), components.path("expectedPropensity").asDouble(),
                band, income, recorded, refused);
    }

    private JsonNode decide(UUID id, Map<String, Object> context) {
        return api.expectOnceKnown("POST", api.offers() + "/decisions", new Decide(id, "CALL_CENTER", 10, context),
                Duration.ofSeconds(30), 201).body();
    }

    /** The campaign's action among the decision's, or null when the pipeline did not rank it. */
    private static JsonNode action(JsonNode decision) {
        for (JsonNode a : decision.path("actions")) {
            if (OFFER_CODE.equals(a.path("offerCode").asText())) {
                return a;
            }
        }
        return null;
    }

    /** The campaign's offer: a term deposit any client may be called about (the campaign called every row). */
    static Payloads.OfferRequest campaign(boolean active) {
        return new Payloads.OfferRequest(OFFER_CODE, "Term deposit (UCI bank-marketing campaign)",
                "The term deposit the Portuguese bank's 2008-2010 phone campaigns offered; replayed from the UCI data",
                "SALES", "TERM_DEPOSIT", Map.of("all", List.of()), List.of("CALL_CENTER"), 90, 6.0, 94.0, active);
    }

    /** Creates the campaign's offer, or switches it on again for another replay (its model keeps what it learnt). */
    private UUID campaignOffer() {
        for (JsonNode offer : api.expect("GET", api.offers() + "/offers", null, 200).body()) {
            if (OFFER_CODE.equals(offer.path("code").asText())) {
                UUID id = UUID.fromString(offer.path("id").asText());
                api.expect("PUT", api.offers() + "/offers/" + id, campaign(true), 200);
                return id;
            }
        }
        CrmApi.Answer created = api.expect("POST", api.offers() + "/offers", campaign(true), 201, 409);
        if (created.status() == 409) { // listed only while active: switch it on again
            UUID id = UUID.fromString(created.body().path("existingId").asText());
            api.expect("PUT", api.offers() + "/offers/" + id, campaign(true), 200);
            return id;
        }
        return UUID.fromString(created.body().path("id").asText());
    }

    private void report(List<Outcome> outcomes, UUID offerId, Duration took) {
        List<Outcome> presented = outcomes.stream().filter(Outcome::presented).toList();
        long accepted = presented.stream().filter(o -> o.row().subscribed()).count();
        long recorded = outcomes.stream().mapToLong(Outcome::historyRecorded).sum();
        long refused = outcomes.stream().mapToLong(Outcome::historyRefused).sum();
        out.println();
        out.printf(Locale.ROOT, "Replayed %,d calls in %.0f s (%,d workers): the campaign offer was among the ranked actions of %,d (%,d answered ACCEPTED, %.1f %%)%n",
                outcomes.size(), took.toMillis() / 1000.0, options.workers(), presented.size(), accepted,
                DemoSummary.percent(accepted, presented.size()));
        out.printf(Locale.ROOT, "  contact history: %,d earlier calls recorded as dated answers (%,d refused by the contact policy)%n",
                recorded, refused);
        if (presented.size() < outcomes.size()) {
            out.printf(Locale.ROOT, "  %,d decisions did not rank it within the top 10 (no answer posted for them)%n",
                    outcomes.size() - presented.size());
        }
        List<Outcome> lastQuarter = presented.subList(presented.size() * 3 / 4, presented.size());
        out.printf(Locale.ROOT, "  AUC of the propensity before the answer: posterior mean %.4f, Thompson sample (what the ranking used) %.4f%n",
                auc(presented, Outcome::expected), auc(presented, Outcome::propensity));
        out.printf(Locale.ROOT, "  AUC over the last quarter of the calls: posterior mean %.4f, Thompson sample %.4f%n",
                auc(lastQuarter, Outcome::expected), auc(lastQuarter, Outcome::propensity));
        out.printf(Locale.ROOT, "  subscribers among the top-scored half: posterior mean %.1f %%, Thompson sample %.1f %% (random: 50 %%)%n",
                100 * topHalfShare(presented, Outcome::expected), 100 * topHalfShare(presented, Outcome::propensity));
        out.println("  (reference, Moro et al. 2014, offline neural network with the campaign and economic features: AUC 0.80, 79 %)");
        out.println();
        out.println("What the offer model learnt (GET /api/v1/offers/" + offerId + "/model):");
        JsonNode model = api.expect("GET", api.offers() + "/offers/" + offerId + "/model", null, 200).body();
        out.printf(Locale.ROOT, "  %,d observations; posterior mean ± sd of each weight, largest first:%n", model.path("observations").asLong());
        List<Map.Entry<String, Double>> weights = new ArrayList<>();
        model.path("weights").fields().forEachRemaining(e -> weights.add(Map.entry(e.getKey(), e.getValue().asDouble())));
        weights.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())));
        for (Map.Entry<String, Double> w : weights) {
            out.printf(Locale.ROOT, "    %-36s %+6.2f ± %.2f%n", w.getKey(), w.getValue(),
                    model.path("standardDeviations").path(w.getKey()).asDouble());
        }
        out.println();
        out.println("Acceptance in the replayed calls (what the data says), by the features the model sees:");
        table("age band", presented, Outcome::ageBand);
        table("occupation (from the job)", presented, o -> String.valueOf(occupation(o.row().job())));
        table("products held", presented, o -> String.join("+", products(o.row())));
        table("previous campaign's outcome", presented, o -> o.row().poutcome());
    }

    private void table(String title, List<Outcome> outcomes, java.util.function.Function<Outcome, String> key) {
        Map<String, long[]> groups = new TreeMap<>();
        for (Outcome o : outcomes) {
            long[] g = groups.computeIfAbsent(key.apply(o), k -> new long[2]);
            g[0]++;
            g[1] += o.row().subscribed() ? 1 : 0;
        }
        out.println("  " + title + ":");
        groups.forEach((k, g) -> out.printf(Locale.ROOT, "    %-36s %6.1f %% of %,d%n", k, 100.0 * g[1] / g[0], g[0]));
    }

    /** Area under the ROC curve of a score against the answers (Mann-Whitney, ties counted half). */
    static double auc(List<Outcome> outcomes, ToDoubleFunction<Outcome> score) {
        return RankingQuality.auc(outcomes, score, o -> o.row().subscribed());
    }

    /** The share of all subscribers that the top-scored half holds. */
    static double topHalfShare(List<Outcome> outcomes, ToDoubleFunction<Outcome> score) {
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparingDouble(score).reversed());
        long all = sorted.stream().filter(o -> o.row().subscribed()).count();
        long top = sorted.subList(0, sorted.size() / 2).stream().filter(o -> o.row().subscribed()).count();
        return all == 0 ? Double.NaN : (double) top / all;
    }
}
