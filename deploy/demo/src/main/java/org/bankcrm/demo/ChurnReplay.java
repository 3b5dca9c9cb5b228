package org.bankcrm.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code crm demo --replay-churn}: the public "Churn Modelling" bank data (10,000 clients of a European bank, label
 * {@code Exited}) replayed through the PUBLIC REST APIs of the running CRM, to measure loyalty-service's churn risk
 * as the bank would see it:
 * <ol>
 * <li>the first 70 % of the rows (file order) are loaded: registration (batches of 100 through
 * {@code POST /clients:batch}), products ({@code POST /products/batch}), six months of financials
 * ({@code POST /financials/batch});</li>
 * <li>their {@code churnRisk} is read before any label is sent: the day-one prior's ranking;</li>
 * <li>those who left ({@code Exited} 1) are reported through {@code POST /clients/{id}/departure}: positives; once
 * the service's horizon has passed since their last score, the stayers are labelled as the service labels them,
 * by its own rule, through its labelling run ({@code POST /churn-model/labelling-runs}, admin) instead of waiting
 * for the hourly job;</li>
 * <li>the other 30 % are loaded only then (so never labelled), and their {@code churnRisk}, computed by the model
 * learnt online, is read and measured: AUC, Brier score, reliability by decile.</li>
 * </ol>
 * Placed in time (each row is a snapshot without dates): Age → birth date (hence the age band and the year of birth
 * that client-service sends and loyalty-service ages the client from), Tenure → customer
 * since (today minus the years), NumOfProducts → that many products (current account, savings account, credit card,
 * insurance, in that order), Balance → the average balance of each of the six months before this one,
 * IsActiveMember → 20 transactions (1,500 moved) every month when 1; when 0 the same for three months, then three
 * months without any transaction, Geography → country of residence (France FR, Germany DE, Spain ES; the stack
 * is started with {@code CRM_LOYALTY_CHURN_MARKETS=FR,DE,ES} so loyalty-service has a market indicator for DE and
 * ES). Every client consents to profiling (the churn model needs it). Never used: Surname (personal data),
 * CustomerId, Gender (EU equal-treatment rules: a bank must not price or target on it), CreditScore, HasCrCard,
 * EstimatedSalary.
 */
public final class ChurnReplay {
    static final String DEFAULT_FILE = "../shared/data/churn-modelling/Churn_Modelling.csv";
    static final String[] PRODUCTS = { "CURRENT_ACCOUNT", "SAVINGS_ACCOUNT", "CREDIT_CARD", "INSURANCE" };
    static final int MONTHS = 6;
    static final int SILENT_MONTHS_WHEN_INACTIVE = 3;
    static final int ACTIVE_TRANSACTIONS = 20;
    static final BigDecimal ACTIVE_AMOUNT = new BigDecimal("1500.00");
    static final int BATCH = 100;
    /** The longest horizon the replay waits for (a stack started for it sets CRM_LOYALTY_CHURN_HORIZON=PT2M). */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    public record Options(Path file, int rows, int workers, String host) {
    }

    /** One row: only the columns the CRM can hold, and the label; {@code country}: ISO 3166-1 alpha-2 or null. */
    record Row(int number, int age, int tenure, double balance, int products, boolean active, boolean exited,
            String country) {
        /** A row whose country is not known. */
        Row(int number, int age, int tenure, double balance, int products, boolean active, boolean exited) {
            this(number, age, tenure, balance, products, active, exited, null);
        }
    }

    /** {@code POST /clients:batch}'s client: the registration with the country of residence. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Registration(String externalRef, String type, String fullName, LocalDate birthDate, LocalDate customerSince,
            Payloads.Consents consents, String countryOfResidence) {
    }

    /** The data's Geography as a country of residence; null for a value the data set does not have. */
    static String country(String geography) {
        return switch (geography.trim()) {
            case "France" -> "FR";
            case "Germany" -> "DE";
            case "Spain" -> "ES";
            default -> null;
        };
    }

    /** A row loaded into the CRM as a client, and the churn risk read for it. */
    record Loaded(Row row, UUID id) {
    }

    record Scored(Row row, double risk) {
    }

    private final Options options;
    private final CrmApi api;
    private final PrintStream out;

    public ChurnReplay(Options options, PrintStream out) {
        this.options = options;
        this.api = new CrmApi(options.host());
        this.out = out;
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = List.of(reader.readLine().trim().split(","));
            for (String name : List.of("Age", "Tenure", "Balance", "NumOfProducts", "IsActiveMember", "Exited")) {
                if (!header.contains(name)) {
                    throw new IOException("not the Churn Modelling CSV: no column '" + name + "'");
                }
            }
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split(",", -1);
                number++;
                rows.add(new Row(number, Integer.parseInt(c[header.indexOf("Age")]), Integer.parseInt(c[header.indexOf("Tenure")]),
                        Double.parseDouble(c[header.indexOf("Balance")]), Integer.parseInt(c[header.indexOf("NumOfProducts")]),
                        "1".equals(c[header.indexOf("IsActiveMember")]), "1".equals(c[header.indexOf("Exited")]),
                        header.contains("Geography") ? country(c[header.indexOf("Geography")]) : null));
            }
        }
        return rows;
    }

    public void run(Path root) throws IOException, InterruptedException {
        long began = System.nanoTime();
        Path file = options.file() != null ? options.file() : root.resolve(DEFAULT_FILE).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IOException("Churn_Modelling.csv not found at " + file + " (give --file)");
        }
        List<Row> all = read(file);
        List<Row> rows = options.rows() > 0 && options.rows() < all.size() ? all.subList(0, options.rows()) : all;
        int learningRows = rows.size() * 7 / 10;
        List<Row> learning = rows.subList(0, learningRows);
        List<Row> heldOut = rows.subList(learningRows, rows.size());
        JsonNode before = model();
        Duration horizon = horizon(before.path("horizon"));
        out.printf(Locale.ROOT, "Replaying %,d Churn Modelling clients (%,d left) through the CRM: the first %,d learnt, the other %,d held out%n",
                rows.size(), rows.stream().filter(Row::exited).count(), learning.size(), heldOut.size());
        out.printf(Locale.ROOT, "  churn model before: version %d, %d positives, %d negatives, horizon %s%n",
                before.path("version").asLong(), before.path("positives").asLong(), before.path("negatives").asLong(), horizon);
        if (horizon.compareTo(LONGEST_WAIT) > 0) {
            throw new CrmApi.CallFailed("the churn horizon is " + horizon + ": a replay cannot wait that long for its stayers. "
                    + "Start the CRM for the replay with CRM_LOYALTY_CHURN_HORIZON=PT2M CRM_LOYALTY_CHURN_LABELLING_INTERVAL=24h "
                    + "CRM_LOYALTY_CHURN_MARKETS=FR,DE,ES "
                    + "(time compressed: see loyalty-service/docs/churn.md)");
        }
        if (!before.path("coefficients").has("market-DE")) {
            out.println("  note: loyalty-service has no market-DE indicator: start the stack with CRM_LOYALTY_CHURN_MARKETS=FR,DE,ES "
                    + "for the country of residence to count");
        }
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36).toUpperCase(Locale.ROOT);
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), DemoLoader.daemon("crm-demo-churn"));
        try {
            // 1. the learning rows, scored by the day-one prior
            long phase = System.nanoTime();
            List<Loaded> learningClients = load(learning, run, pool);
            List<Scored> prior = scores(learningClients, pool);
            out.printf(Locale.ROOT, "  loaded and scored the %,d learning clients in %.0f s%n", learningClients.size(), seconds(phase));

            // 2. their labels: departures, then the stayers labelled once the horizon has passed
            phase = System.nanoTime();
            List<Loaded> leavers = learningClients.stream().filter(l -> l.row().exited()).toList();
            forEach(leavers, pool, l -> api.expect("POST", api.clients() + "/clients/" + l.id() + "/departure",
                    Map.of("reason", "CHURN_MODELLING_EXITED"), 201, 200));
            long positives = before.path("positives").asLong() + leavers.size();
            JsonNode learntPositives = await("the leavers to be learnt", Duration.ofMinutes(10),
                    () -> model().path("positives").asLong() >= positives);
            out.printf(Locale.ROOT, "  %,d departures reported and learnt as positives in %.0f s (model version %d)%n",
                    leavers.size(), seconds(phase), learntPositives.path("version").asLong());
            Duration wait = horizon.plusSeconds(5);
            out.printf(Locale.ROOT, "  waiting the horizon (%s) for the stayers' snapshots to age...%n", horizon);
            Thread.sleep(wait.toMillis());
            phase = System.nanoTime();
            JsonNode labelling = api.expect("POST", api.loyalty() + "/churn-model/labelling-runs", null, 200).body();
            JsonNode learnt = model();
            out.printf(Locale.ROOT, "  labelling run: %,d stayers labelled in %.0f s; the model learnt %,d positives and %,d negatives (version %d)%n",
                    labelling.path("labelled").asInt(), seconds(phase), learnt.path("positives").asLong(),
                    learnt.path("negatives").asLong(), learnt.path("version").asLong());

            // 3. the held-out rows, loaded after the learning, scored by the learnt model
            phase = System.nanoTime();
            List<Loaded> heldOutClients = load(heldOut, run, pool);
            List<Scored> learntScores = scores(heldOutClients, pool);
            out.printf(Locale.ROOT, "  loaded and scored the %,d held-out clients in %.0f s%n", heldOutClients.size(), seconds(phase));
            report(prior, learntScores, learnt, Duration.ofNanos(System.nanoTime() - began));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The model's horizon as the service writes it: an ISO-8601 duration, or seconds. */
    static Duration horizon(JsonNode value) {
        return value.isNumber() ? Duration.ofMillis((long) (value.asDouble() * 1000)) : Duration.parse(value.asText());
    }

    private JsonNode model() {
        return api.expect("GET", api.loyalty() + "/churn-model", null, 200).body();
    }

    /**
     * Loads the rows in chunks of {@link #BATCH}, the chunks in parallel workers: each registered in one request, its
     * clients' products opened in one {@code POST /products/batch}, then their months recorded in one
     * {@code POST /financials/batch}.
     */
    private List<Loaded> load(List<Row> rows, String run, ExecutorService pool) throws InterruptedException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        YearMonth thisMonth = YearMonth.from(today);
        AtomicLong done = new AtomicLong();
        long began = System.nanoTime();
        List<List<Row>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += BATCH) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
        List<List<Loaded>> loaded = Collections.synchronizedList(new ArrayList<>());
        Thread progress = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(15_000);
                } catch (InterruptedException e) {
                    return;
                }
                out.printf(Locale.ROOT, "    %5.0f s  %,d/%,d clients loaded%n", seconds(began), done.get(), rows.size());
            }
        }, "crm-demo-churn-progress");
        progress.setDaemon(true);
        progress.start();
        try {
            forEach(chunks, pool, chunk -> {
                Map<String, Object> body = Map.of("clients", chunk.stream().map(r -> registration(r, run, today)).toList());
                JsonNode registered = api.expect("POST", api.clients() + "/clients:batch", body, 201).body();
                List<Loaded> batch = new ArrayList<>();
                List<Payloads.ProductOpening> products = new ArrayList<>();
                List<Payloads.ClientMonth> months = new ArrayList<>();
                for (int k = 0; k < chunk.size(); k++) {
                    Loaded l = new Loaded(chunk.get(k), UUID.fromString(registered.path("ids").path(k).asText()));
                    batch.add(l);
                    for (int p = 0; p < Math.min(l.row().products(), PRODUCTS.length); p++) {
                        products.add(new Payloads.ProductOpening(l.id(), new Payloads.OpenProduct(PRODUCTS[p], null, null)));
                    }
                    for (Payloads.RecordFinancials m : months(l.row(), thisMonth)) {
                        months.add(Payloads.ClientMonth.of(l.id(), m));
                    }
                }
                api.openProducts(products);
                api.recordMonths(months);
                loaded.add(batch);
                done.addAndGet(batch.size());
            });
        } finally {
            progress.interrupt();
        }
        List<Loaded> all = new ArrayList<>();
        loaded.forEach(all::addAll);
        all.sort(Comparator.comparingInt(l -> l.row().number()));
        return all;
    }

    static Registration registration(Row row, String run, LocalDate today) {
        return new Registration(String.format(Locale.ROOT, "CHURN-MOD-%s-%05d", run, row.number()), "INDIVIDUAL",
                "Churn Modelling client " + row.number(), today.minusYears(row.age()).minusDays(1 + row.number() % 300),
                today.minusYears(row.tenure()), new Payloads.Consents(false, false, false, false, true), row.country());
    }

    static List<Payloads.RecordFinancials> months(Row row, YearMonth thisMonth) {
        List<Payloads.RecordFinancials> months = new ArrayList<>();
        BigDecimal balance = BigDecimal.valueOf(row.balance()).setScale(2, java.math.RoundingMode.HALF_UP);
        for (int back = MONTHS; back >= 1; back--) {
            boolean silent = !row.active() && back <= SILENT_MONTHS_WHEN_INACTIVE;
            months.add(new Payloads.RecordFinancials(thisMonth.minusMonths(back), BigDecimal.ZERO, BigDecimal.ZERO, balance,
                    silent ? 0 : ACTIVE_TRANSACTIONS, silent ? BigDecimal.ZERO : ACTIVE_AMOUNT));
        }
        return months;
    }

    /** Waits until loyalty-service scored each client with everything loaded, and reads its churn risk. */
    private List<Scored> scores(List<Loaded> clients, ExecutorService pool) throws InterruptedException {
        List<Scored> scored = Collections.synchronizedList(new ArrayList<>());
        forEach(clients, pool, l -> {
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (true) {
                CrmApi.Answer a = api.get(api.loyalty() + "/clients/" + l.id() + "/loyalty");
                JsonNode basis = a.body() == null ? null : a.body().path("basis");
                if (a.status() == 200 && basis.path("products").asInt() == Math.min(l.row().products(), PRODUCTS.length)
                        && basis.path("monthsOfFinancials").asInt() == MONTHS) {
                    if (a.body().path("churnRisk").isNull() || a.body().path("churnRisk").isMissingNode()) {
                        throw new CrmApi.CallFailed("client " + l.id() + " has no churn risk: " + a.body().path("factors"));
                    }
                    scored.add(new Scored(l.row(), a.body().path("churnRisk").asDouble()));
                    return;
                }
                if (a.status() != 200 && a.status() != 404) {
                    throw new CrmApi.CallFailed("GET loyalty of " + l.id() + " answered " + a.status() + ": " + a.text());
                }
                if (System.nanoTime() > deadline) {
                    throw new CrmApi.CallFailed("loyalty-service did not score client " + l.id() + " with all its events in 20 minutes");
                }
                CrmApi.sleep(500);
            }
        });
        scored.sort(Comparator.comparingInt(s -> s.row().number()));
        return scored;
    }

    private <T> void forEach(List<T> items, ExecutorService pool, java.util.function.Consumer<T> work) throws InterruptedException {
        List<Future<?>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit(() -> work.accept(item)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
            }
        }
    }

    private JsonNode await(String what, Duration limit, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new CrmApi.CallFailed("timed out waiting for " + what);
            }
            Thread.sleep(1_000);
        }
        return model();
    }

    private void report(List<Scored> prior, List<Scored> learnt, JsonNode model, Duration took) {
        out.printf(Locale.ROOT, "%nChurn Modelling replayed through the CRM in %d min %02d s%n", took.toMinutes(), took.toSecondsPart());
        out.printf(Locale.ROOT, "  learnt model on the %,d held-out clients (loaded after the learning, never labelled): AUC %.3f, Brier %.4f%n",
                learnt.size(), auc(learnt, Scored::risk), brier(learnt));
        out.println("    reliability by decile of predicted risk (from-to: clients, mean predicted, observed share who left):");
        for (double[] bin : deciles(learnt)) {
            out.printf(Locale.ROOT, "      %.3f-%.3f: %4d, predicted %.3f, observed %.3f%n", bin[0], bin[1], (int) bin[2], bin[3], bin[4]);
        }
        for (double threshold : new double[] { 0.2, 0.3 }) {
            List<Scored> above = learnt.stream().filter(s -> s.risk() >= threshold).toList();
            out.printf(Locale.ROOT, "    risk >= %.1f: %,d held-out clients (%.1f %%), of whom %.1f %% left (all held-out: %.1f %%)%n",
                    threshold, above.size(), 100.0 * above.size() / learnt.size(),
                    above.isEmpty() ? 0 : 100.0 * above.stream().filter(s -> s.row().exited()).count() / above.size(),
                    100.0 * learnt.stream().filter(s -> s.row().exited()).count() / learnt.size());
        }
        out.printf(Locale.ROOT, "  day-one prior on the %,d learning clients (read before any label was sent): AUC %.3f, Brier %.4f%n",
                prior.size(), auc(prior, Scored::risk), brier(prior));
        out.println("  single raw columns of the data on the same clients (AUC; the better direction):");
        Map<String, ToDoubleFunction<Row>> columns = new java.util.LinkedHashMap<>();
        columns.put("Age", r -> r.age());
        columns.put("NumOfProducts", r -> r.products());
        columns.put("IsActiveMember", r -> r.active() ? 1 : 0);
        columns.put("Balance", Row::balance);
        columns.put("Tenure", r -> r.tenure());
        columns.put("Geography=DE", r -> "DE".equals(r.country()) ? 1 : 0);
        for (var column : columns.entrySet()) {
            out.printf(Locale.ROOT, "    %-15s prior's rows %.3f   held-out rows %.3f%n", column.getKey(),
                    better(auc(prior, s -> column.getValue().applyAsDouble(s.row()))),
                    better(auc(learnt, s -> column.getValue().applyAsDouble(s.row()))));
        }
        JsonNode coefficients = model.path("coefficients");
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        coefficients.fields().forEachRemaining(e -> ranked.add(Map.entry(e.getKey(), e.getValue().asDouble())));
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())));
        out.printf(Locale.ROOT, "  the learnt model (GET /api/v1/churn-model: version %d, %d positives, %d negatives), largest coefficients:%n",
                model.path("version").asLong(), model.path("positives").asLong(), model.path("negatives").asLong());
        for (Map.Entry<String, Double> e : ranked.subList(0, Math.min(12, ranked.size()))) {
            out.printf(Locale.ROOT, "    %-24s %+7.3f%n", e.getKey(), e.getValue());
        }
        JsonNode monitoring = model.path("monitoring");
        out.printf(Locale.ROOT, "  prequential (each observation scored before it was learnt): AUC %s over %d observations%n",
                model.path("auc").isNumber() ? String.format(Locale.ROOT, "%.3f", model.path("auc").asDouble()) : "-",
                model.path("observationsScored").asInt());
        if (monitoring.isObject()) {
            out.printf(Locale.ROOT, "  monitoring window (newest %d): AUC %s, Brier %s%n", monitoring.path("window").asInt(),
                    monitoring.path("auc").asText("-"), monitoring.path("brier").asText("-"));
        }
    }

    static double better(double auc) {
        return Math.max(auc, 1 - auc);
    }

    /** Area under the ROC curve: the chance a leaver ranks above a stayer (ties count half). */
    static double auc(List<Scored> scored, ToDoubleFunction<Scored> score) {
        return RankingQuality.auc(scored, score, s -> s.row().exited());
    }

    static double brier(List<Scored> scored) {
        return scored.stream().mapToDouble(s -> Math.pow(s.risk() - (s.row().exited() ? 1 : 0), 2)).average().orElse(Double.NaN);
    }

    /** Ten bins of equal count by predicted risk: {from, to, clients, mean predicted, observed share who left}. */
    static List<double[]> deciles(List<Scored> scored) {
        List<Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::risk));
        List<double[]> bins = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            int from = b * sorted.size() / 10;
            int to = (b + 1) * sorted.size() / 10;
            if (to <= from) {
                continue;
            }
            List<Scored> bin = sorted.subList(from, to);
            bins.add(new double[] { bin.get(0).risk(), bin.get(bin.size() - 1).risk(), bin.size(),
                    bin.stream().mapToDouble(Scored::risk).average().orElse(0),
                    bin.stream().filter(s -> s.row().exited()).count() / (double) bin.size() });
        }
        return bins;
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
