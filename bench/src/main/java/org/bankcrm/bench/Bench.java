package org.bankcrm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.demo.Backlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmark: one run on one machine measures the machine's limit (raw Kafka and PostgreSQL), then event to next
 * best action at fixed rates over REST and the ingest topic, the decision API at fixed rates, the highest sustained
 * chain rate with zero loss, the resources of every component, and where the time goes hop by hop. It writes
 * {@code bench.json}, {@code RESULTS.md} and {@code latency.png} into a directory per run under {@code bench/results}.
 */
public final class Bench {
    static final String INGEST_TOPIC = "crm.touchpoint.ingest.v1";

    private final Options options;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Object> report = new LinkedHashMap<>();
    private StackState stack;
    private Resources resources;

    Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("crm.root", ".")).toAbsolutePath().normalize();
        Options options;
        try {
            options = Options.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status = new Bench(options).run();
        System.exit(status);
    }

    int run() throws Exception {
        Instant began = Instant.now();
        report.put("startedAt", began.toString());
        report.put("mode", options.quick() ? "quick" : "full");
        report.put("jitWarmUpSeconds", options.jitWarmUp().toSeconds());
        report.put("machine", Machine.describe());
        Path dir = Report.directory(options, report);
        try (StackControl control = new StackControl(options.root(), dir.resolve("stack"))) {
            say("starting the CRM with the launcher's code on free ports (files in " + dir.resolve("stack") + ")");
            report.put("replicas", options.replicas());
            report.put("stackStartSeconds", control.start(Duration.ofMinutes(3), options.replicas()));
            stack = control.state();
            report.put("serviceJvmOptions", jvmOptions(stack.pids()));
            resources = new Resources(stack.pids());
            resources.start();
            resources.phase("demo-load");
            say("loading the demo bank (" + options.clients() + " clients)");
            report.put("demoLoadSeconds", DemoBank.load(stack, options.clients(), options.seed(), System.out));
            measure();
        } finally {
            if (resources != null) {
                report.put("resources", resourcesReport());
                resources.close();
            }
            report.put("durationSeconds", Duration.between(began, Instant.now()).toSeconds());
            Report.write(options, report, dir);
            deleteData(dir.resolve("stack/data"));
            say("report in " + dir);
        }
        return 0;
    }

    /**
     * The JVM options (-X...) a service was started with (the launcher's {@code CRM_SERVICE_JVM_OPTS} or its default),
     * from the first service process's command line: what the figures were measured with (the JIT compilers among them).
     */
    static String jvmOptions(Map<String, List<Long>> pids) {
        return pids.entrySet().stream().filter(e -> e.getKey().endsWith("-service")).flatMap(e -> e.getValue().stream())
                .findFirst().flatMap(ProcessHandle::of).flatMap(process -> process.info().arguments())
                .map(Bench::jvmOptions).orElse("unknown");
    }

    static String jvmOptions(String[] arguments) {
        List<String> options = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("-jar") || argument.equals("-cp")) {
                break;
            }
            if (argument.startsWith("-X")) {
                options.add(argument);
            }
        }
        return String.join(" ", options);
    }

    /** The stack's databases and logs of topics are large and of no use after the run; its logs are kept. */
    private static void deleteData(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            return;
        }
        try (var paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void measure() throws Exception {
        int partitions = 3; // the launcher creates every topic with 3 partitions (CRM_PARTITIONS)
        resources.phase("raw-kafka");
        say("raw Kafka limit (" + options.rawKafkaRecords() + " records of 1 KB, acks=all)");
        RawKafka.Figures kafka = new RawKafka(stack.kafkaBootstrap(), partitions)
                .measure(options.rawKafkaRecords(), 1_000, options.quick() ? Duration.ofSeconds(4) : Duration.ofSeconds(10));
        say(String.format("  %,.0f records/s; at 1,000/s produce->consume p50 %.2f ms p99 %.2f ms", kafka.recordsPerSecond(),
                kafka.endToEndAtFixedRate().p50(), kafka.endToEndAtFixedRate().p99()));
        resources.phase("raw-postgres");
        say("raw PostgreSQL limit (single-row insert transactions, " + options.rawPostgresConnections() + " connections)");
        RawPostgres.Figures postgres = new RawPostgres(stack).measure(options.rawPostgresConnections(), options.rawPostgresDuration());
        say(String.format("  %,.0f transactions/s, p50 %.2f ms p99 %.2f ms", postgres.transactionsPerSecond(),
                postgres.latency().p50(), postgres.latency().p99()));
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("kafka", kafka.toMap());
        limits.put("postgres", postgres.toMap());
        report.put("machineLimit", limits);

        List<String> clientIds = clientIds(options.clients());
        report.put("clientsUsed", clientIds.size());
        Touchpoints touchpoints = new Touchpoints(clientIds, options.seed());
        try (Http http = new Http(stack.bearerToken()); ChainTracker tracker = new ChainTracker(stack.kafkaBootstrap());
                KafkaProducer<String, String> producer = producer(); Backlog backlog = new Backlog(stack.kafkaBootstrap())) {
            this.backlog = backlog;
            settle("the demo load");
            if (!options.jitWarmUp().isZero()) {
                warmUp(touchpoints, clientIds, http, producer);
            }
            idle();
            Map<String, Object> chain = new LinkedHashMap<>();
            Map<String, Double> bestChainRate = new LinkedHashMap<>();
            for (String via : List.of("rest", "kafka")) {
                List<Map<String, Object>> steps = new ArrayList<>();
                boolean keptUp = true;
                double best = 0;
                for (double rate : options.chainRates()) {
                    if (!keptUp) {
                        steps.add(skipped(rate));
                        continue;
                    }
                    Measured measured = measuredChainStep(via, rate, touchpoints, tracker, http, producer);
                    steps.add(measured.map());
                    keptUp = measured.step().sustained();
                    best = keptUp ? rate : best;
                }
                chain.put(via, steps);
                bestChainRate.put(via, best);
            }
            report.put("eventToNextBestAction", chain);

            List<Map<String, Object>> decisions = new ArrayList<>();
            boolean keptUp = true;
            for (double rate : options.decisionRates()) {
                if (!keptUp) {
                    decisions.add(skipped(rate));
                    continue;
                }
                Map<String, Object> step = decisionStep(rate, clientIds, http);
                step.put("settleAfter", settle("decisions at " + (long) rate + "/s").toMap());
                decisions.add(step);
                keptUp = Boolean.TRUE.equals(step.get("keptUp"));
            }
            report.put("decisionApi", decisions);

            if (options.maxThroughput()) {
                report.put("maxSustained", maxSustained(touchpoints, tracker, http, producer, kafka.recordsPerSecond(),
                        bestChainRate.getOrDefault("kafka", 0.0)));
            }
            report.put("serviceTimers", ServiceMetrics.scrape(http, stack));

            if (options.bulkClients() > 0) {
                report.put("bulkLoad", bulkLoad(http, clientIds));
            }
        }
        say("reading the services' topics from the start: every event once, each client's in order");
        Map<String, Object> audit = TopicAudit.read(stack.kafkaBootstrap(), Duration.ofMinutes(2));
        report.put("topicAudit", audit);
        say("  " + audit);
    }

    /**
     * {@link BulkLoad}, then until the services have consumed what it published (loyalty rescoring the new clients,
     * offer deciding on their scores), with what a financial row cost: CPU per component over the idle baseline and
     * database transactions and rows written per row (the registrations included), for the whole way.
     */
    private Map<String, Object> bulkLoad(Http http, List<String> clientIds) throws Exception {
        DatabaseCounters databases = new DatabaseCounters(stack);
        Map<String, DatabaseCounters.Counts> before = databases.read();
        resources.phase(BULK_PHASE);
        Map<String, Object> bulk = new BulkLoad(stack, http, clientIds, options.seed(), Bench::say).run(options.bulkClients());
        bulk.put("settleAfter", settle("the bulk load", Duration.ofMinutes(10)).toMap());
        resources.phase("after-bulk-load");
        Thread.sleep(11_000); // PostgreSQL's counters of idle backends, as after a chain step
        long rows = ((Number) bulk.get("financialRows")).longValue();
        bulk.put("databasePerRow", DatabaseCounters.perTouchpoint(before, databases.read(), rows));
        bulk.put("cpuMsPerRow", cpuPerTouchpoint(resources.usageByPhase(), Map.of(BULK_PHASE, rows)).get(BULK_PHASE));
        say("  per financial row: " + bulk.get("cpuMsPerRow") + " ms of CPU; database " + Report.map(bulk.get("databasePerRow")).get("all"));
        return bulk;
    }

    static final String BULK_PHASE = "bulk-load";

    /**
     * Not measured: touchpoints over REST and the ingest topic and decision requests, in turn, at a rate every service
     * keeps up with, so that the JIT compilers of freshly started JVMs (C2 took half a core of a service for minutes
     * after the start) are done with the hot paths before the figures are taken.
     */
    private void warmUp(Touchpoints touchpoints, List<String> clientIds, Http http, KafkaProducer<String, String> producer)
            throws InterruptedException {
        resources.phase("jit-warm-up");
        double rate = 15;
        say(String.format("warming up the services' JIT: REST, Kafka and decision calls in turn at %,.0f/s for %d s (not measured)",
                rate, options.jitWarmUp().toSeconds()));
        String interactions = stack.baseUrl("interaction-service") + "/api/v1/interactions";
        String decisions = stack.baseUrl("offer-service") + "/api/v1/decisions";
        ConstantRate.Result result = ConstantRate.run(rate, Duration.ZERO, options.jitWarmUp(), Duration.ofSeconds(10), 5_000,
                (sequence, intended) -> switch ((int) (sequence % 3)) {
                    case 0 -> http.postAsync(interactions, touchpoints.next().json());
                    case 1 -> produce(producer, touchpoints.next());
                    default -> http.postAsync(decisions, "{\"clientId\":\"" + clientIds.get((int) (sequence % clientIds.size()))
                            + "\",\"channel\":\"BRANCH\",\"limit\":3}");
                });
        say(String.format("  %,d calls, %,d failed", result.recorded(), result.failed()));
        settle("the warm-up");
    }

    private record Measured(ChainStep step, Map<String, Object> map) {
    }

    /**
     * {@link #chainStep} and the settling after it, with what each service's database did per touchpoint sent
     * (transactions and rows written, from PostgreSQL's counters read before and after).
     */
    private Measured measuredChainStep(String via, double rate, Touchpoints touchpoints, ChainTracker tracker, Http http,
            KafkaProducer<String, String> producer) throws InterruptedException {
        DatabaseCounters databases = new DatabaseCounters(stack);
        Map<String, DatabaseCounters.Counts> before = databases.read();
        StatementCounters statements = new StatementCounters(stack);
        Map<StatementCounters.Key, Long> statementsBefore = statements.read();
        Map<String, Object> metricsBefore = ServiceMetrics.scrape(http, stack);
        ChainStep step = chainStep(via, rate, touchpoints, tracker, http, producer);
        Map<String, Object> map = step.toMap();
        map.put("settleAfter", settle(via + " at " + (long) rate + "/s").toMap());
        // a backend reports its counts at most once a second while busy and up to 10 s after it went idle
        // (PostgreSQL's PGSTAT_IDLE_INTERVAL): wait that long, or the last transactions of the step are missed
        Thread.sleep(11_000);
        Map<String, Object> perTouchpoint = DatabaseCounters.perTouchpoint(before, databases.read(), step.sending().recorded());
        map.put("databasePerTouchpoint", perTouchpoint);
        map.put("statementsPerTouchpoint", StatementCounters.perTouchpoint(statementsBefore, statements.read(),
                step.sending().recorded()));
        if (perTouchpoint.get("all") instanceof Map<?, ?> all) {
            say(String.format("  per touchpoint: %s database transactions, %s rows written (all services)",
                    all.get("transactions"), all.get("rowsWritten")));
        }
        Map<String, Object> batches = ServiceMetrics.batchesBetween(metricsBefore, ServiceMetrics.scrape(http, stack));
        map.put("inboxBatches", batches);
        say("  inbox batches (events per batch, ms per batch): " + batches);
        return new Measured(step, map);
    }

    /** One fixed rate of touchpoints through {@code via} (rest or kafka), each followed to its decisions. */
    ChainStep chainStep(String via, double rate, Touchpoints touchpoints, ChainTracker tracker, Http http,
            KafkaProducer<String, String> producer) {
        resources.phase("chain-" + via + "-" + (long) rate);
        say(String.format("event -> next best action via %s at %,.0f/s", via, rate));
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        String interactions = stack.baseUrl("interaction-service") + "/api/v1/interactions";
        ConstantRate.Result result = ConstantRate.run(rate, options.warmUp(), options.steady(), Duration.ofSeconds(10), 20_000,
                (sequence, intended) -> {
                    Touchpoints.Touchpoint touchpoint = touchpoints.next();
                    tracker.sending(touchpoint.id(), intended);
                    sent.add(new Sent(touchpoint.id(), intended));
                    return "rest".equals(via) ? http.postAsync(interactions, touchpoint.json()) : produce(producer, touchpoint);
                });
        List<String> steadyIds = new ArrayList<>();
        for (Sent touchpoint : sent) { // in the order they were due: one dispatcher thread adds them
            if (touchpoint.intendedNanos() >= result.steadyFromNanos() && touchpoint.intendedNanos() < result.steadyToNanos()) {
                steadyIds.add(touchpoint.id());
            }
        }
        tracker.awaitDecisions(steadyIds, options.drain());
        ChainStep step = new ChainStep(via, rate, result, tracker.figures(steadyIds));
        touchpointsByPhase.merge("chain-" + via + "-" + (long) rate, result.recorded(), Long::sum);
        say(step.line());
        return step;
    }

    private Map<String, Object> decisionStep(double rate, List<String> clientIds, Http http) {
        resources.phase("decisions-" + (long) rate);
        say(String.format("decision API at %,.0f/s", rate));
        String url = stack.baseUrl("offer-service") + "/api/v1/decisions";
        SplittableRandom random = new SplittableRandom(options.seed());
        String[] channels = {"MOBILE_APP", "INTERNET_BANK", "BRANCH", "CALL_CENTER"};
        ConstantRate.Result result = ConstantRate.run(rate, options.warmUp(), options.steady(), Duration.ofSeconds(10), 5_000,
                (sequence, intended) -> {
                    String clientId;
                    String channel;
                    synchronized (random) {
                        clientId = clientIds.get(random.nextInt(clientIds.size()));
                        channel = channels[random.nextInt(channels.length)];
                    }
                    return http.postAsync(url, "{\"clientId\":\"" + clientId + "\",\"channel\":\"" + channel + "\",\"limit\":3}");
                });
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("targetRate", rate);
        step.put("achievedRate", Math.round(result.achievedRate() * 10) / 10.0);
        step.put("requests", result.recorded());
        step.put("errors", result.failed());
        step.put("errorsByKind", result.errors());
        step.put("latency", result.latency().toMap());
        // kept up: every request answered, at the rate asked, and not queueing (a queue makes the median seconds)
        boolean keptUp = result.failed() == 0 && result.achievedRate() >= 0.95 * rate && result.latency().p50() < 1_000;
        step.put("keptUp", keptUp);
        say(String.format("  achieved %,.1f/s, errors %d, p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.2f ms; %s",
                result.achievedRate(), result.failed(), result.latency().p50(), result.latency().p99(),
                result.latency().p999(), result.latency().max(), keptUp ? "kept up" : "did NOT keep up"));
        return step;
    }

    /**
     * The highest rate at which every touchpoint (Kafka ingest) produced its decision and the latency did not grow
     * during the steady period: rates climb from the highest fixed rate that passed until one fails.
     */
    private Map<String, Object> maxSustained(Touchpoints touchpoints, ChainTracker tracker, Http http,
            KafkaProducer<String, String> producer, double kafkaLimit, double bestFixed) throws InterruptedException {
        double best = bestFixed;
        List<Map<String, Object>> tried = new ArrayList<>();
        if (best > 0) {
            // climb from the highest fixed rate that kept up, by x1.4, until a rate does not
            for (double candidate = Math.round(best * 1.4); tried.size() < 4; candidate = Math.round(candidate * 1.4)) {
                Measured measured = measuredChainStep("kafka", candidate, touchpoints, tracker, http, producer);
                ChainStep step = measured.step();
                tried.add(measured.map());
                if (!step.sustained()) {
                    break;
                }
                best = candidate;
            }
        } else {
            // not even the lowest fixed rate kept up: halve it until one does
            for (double candidate = Math.floor(options.chainRates().get(0) / 2); candidate >= 1 && tried.size() < 3;
                    candidate = Math.floor(candidate / 2)) {
                Measured measured = measuredChainStep("kafka", candidate, touchpoints, tracker, http, producer);
                ChainStep step = measured.step();
                tried.add(measured.map());
                if (step.sustained()) {
                    best = candidate;
                    break;
                }
            }
        }
        Map<String, Object> max = new LinkedHashMap<>();
        max.put("touchpointsPerSecond", best);
        max.put("fractionOfRawKafkaLimit", kafkaLimit > 0 ? Math.round(best / kafkaLimit * 1000) / 1000.0 : null);
        max.put("steps", tried);
        say(String.format("max sustained: %,.0f touchpoints/s (%.1f %% of the raw Kafka limit)", best, best / kafkaLimit * 100));
        return max;
    }

    /** Waits until the services have consumed everything (at most 90 s, 30 s quick), so steps do not overlap. */
    private Backlog.Settled settle(String after) throws InterruptedException {
        return settle(after, options.quick() ? Duration.ofSeconds(30) : Duration.ofSeconds(90));
    }

    private Backlog.Settled settle(String after, Duration longest) throws InterruptedException {
        Backlog.Settled settled = backlog.settle(longest);
        say(settled.settled() ? String.format("  settled after %s in %.1f s", after, settled.seconds())
                : String.format("  NOT settled after %s: %,d records still to consume after %.0f s", after,
                        settled.lagLeft(), settled.seconds()));
        return settled;
    }

    private static Map<String, Object> skipped(double rate) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("targetRate", rate);
        map.put("skipped", "a lower rate did not keep up");
        return map;
    }

    private CompletableFuture<Void> produce(KafkaProducer<String, String> producer, Touchpoints.Touchpoint touchpoint) {
        ProducerRecord<String, String> record = new ProducerRecord<>(INGEST_TOPIC, touchpoint.clientId(), touchpoint.json());
        Headers headers = record.headers();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_type", bytes("crm.touchpoint.submitted"));
        headers.add("ce_source", bytes("/bench/load-generator"));
        headers.add("ce_subject", bytes(touchpoint.clientId()));
        headers.add("ce_time", bytes(Instant.now().toString()));
        headers.add("content-type", bytes("application/json"));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(error);
            }
        });
        return acked;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    /** Up to {@code wanted} clients of the loaded population, read through client-service's search, known to offer-service. */
    private List<String> clientIds(int wanted) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        try (Http http = new Http(stack.bearerToken())) {
            for (int page = 0; ids.size() < wanted; page++) {
                JsonNode body = json.readTree(http.get(stack.baseUrl("client-service") + "/api/v1/clients?size=100&page=" + page));
                JsonNode items = body.path("items");
                if (!items.isArray() || items.isEmpty()) {
                    break;
                }
                items.forEach(item -> ids.add(item.path("id").asText()));
            }
            if (ids.isEmpty()) {
                throw new IllegalStateException("client-service has no clients: load the demo bank first (deploy/local/crm demo)");
            }
            String last = ids.get(ids.size() - 1);
            long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (http.status(stack.baseUrl("offer-service") + "/api/v1/read-model/clients/" + last) != 200) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("offer-service has not seen the loaded clients after 2 minutes");
                }
                Thread.sleep(500);
            }
        }
        return ids.subList(0, Math.min(wanted, ids.size()));
    }

    private Backlog backlog;
    /** Touchpoints sent in each chain phase (warm-up and steady period), for the CPU each one cost. */
    private final Map<String, Long> touchpointsByPhase = new LinkedHashMap<>();

    /**
     * The stack at rest, warm and with nothing to do: what its processes spend then (consumer polls, timers, sweeps,
     * metrics) is not a touchpoint's cost, so the CPU per touchpoint is taken over this baseline.
     */
    private void idle() throws InterruptedException {
        resources.phase(IDLE_PHASE);
        Duration rest = options.quick() ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
        say("at rest for " + rest.toSeconds() + " s: the baseline of the CPU per touchpoint");
        Thread.sleep(rest.toMillis());
    }

    static final String IDLE_PHASE = "idle-after-warm-up";

    private Map<String, Object> resourcesReport() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> peaks = new LinkedHashMap<>();
        resources.peakRssMiB().forEach((component, mib) -> peaks.put(component, Resources.round(mib)));
        out.put("peakRssMiB", peaks);
        Map<String, Object> phases = new LinkedHashMap<>();
        resources.usageByPhase().forEach((phase, usages) -> {
            Map<String, Object> components = new LinkedHashMap<>();
            usages.forEach((component, usage) -> components.put(component, usage.toMap()));
            phases.put(phase, components);
        });
        out.put("byPhase", phases);
        out.put("cpuMsPerTouchpoint", cpuPerTouchpoint(resources.usageByPhase(), touchpointsByPhase));
        return out;
    }

    /**
     * Per chain phase, the CPU time each component spent per touchpoint sent, over what it spends at rest: (its CPU in
     * the phase less the idle phase's rate over as long) / touchpoints. The phase runs from the first touchpoint to the
     * chain's end (decisions awaited, backlog settled), so work left over from its touchpoints is counted; with no idle
     * phase (no JIT warm-up measured yet) the baseline is 0. The same of the components' JIT compiler threads
     * ({@link Resources#JIT}) is {@code JIT} (all components), and {@code all less JIT} what the touchpoint cost without
     * them: the cost a stack that has run long enough for its compilers to finish would see.
     */
    static Map<String, Object> cpuPerTouchpoint(Map<String, Map<String, Resources.Usage>> byPhase, Map<String, Long> touchpoints) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Resources.Usage> idle = byPhase.getOrDefault(IDLE_PHASE, Map.of());
        touchpoints.forEach((phase, sent) -> {
            Map<String, Resources.Usage> usages = byPhase.get(phase);
            if (usages == null || sent == null || sent == 0) {
                return;
            }
            Map<String, Object> components = new LinkedHashMap<>();
            double services = 0;
            double all = 0;
            double jit = 0;
            for (String component : StackState.COMPONENTS) {
                Resources.Usage usage = usages.get(component);
                if (usage == null) {
                    continue;
                }
                double ms = overRest(usage, idle.get(component), sent);
                components.put(component, Resources.round(ms));
                all += ms;
                if (component.endsWith("-service")) {
                    services += ms;
                }
                Resources.Usage compiling = usages.get(component + Resources.JIT);
                if (compiling != null) {
                    jit += Math.min(ms, overRest(compiling, idle.get(component + Resources.JIT), sent));
                }
            }
            components.put("services", Resources.round(services));
            components.put("all", Resources.round(all));
            components.put(JIT, Resources.round(jit));
            components.put(ALL_LESS_JIT, Resources.round(all - jit));
            out.put(phase, components);
        });
        return out;
    }

    static final String JIT = "JIT";
    static final String ALL_LESS_JIT = "all less JIT";

    /** Milliseconds of CPU per touchpoint over the rate at rest: percent of one core x seconds sampled x 10 / sent. */
    private static double overRest(Resources.Usage usage, Resources.Usage rest, long sent) {
        double baseline = rest == null ? 0 : rest.averageCpuPercent();
        return Math.max(0, usage.averageCpuPercent() - baseline) * usage.samples() * 10 / sent;
    }

    private record Sent(String id, long intendedNanos) {
    }

    static void say(String line) {
        System.out.println("bench: " + line);
        System.out.flush();
    }

    /** One chain step's figures and whether it kept up: no touchpoint without its decision, latency not growing. */
    record ChainStep(String via, double rate, ConstantRate.Result sending, ChainTracker.ChainFigures figures) {
        boolean sustained() {
            double first = figures.fastFirstThird().p50();
            double last = figures.fastLastThird().p50();
            boolean growing = Double.isFinite(first) && Double.isFinite(last) && last > Math.max(2 * first, first + 50);
            // and not queueing: a backlog worked off within the drain leaves nothing missing but makes the median seconds
            boolean queueing = !(figures.fastEndToEnd().p50() < 1_000);
            return figures.missingFastDecision() == 0 && sending.failed() == 0 && !growing && !queueing
                    && sending.achievedRate() >= 0.95 * rate;
        }

        String line() {
            Latencies.Summary fast = figures.fastEndToEnd();
            return String.format("  sent %,.1f/s, decided %d of %d (missing %d); fast decision p50 %.1f ms p99 %.1f ms "
                    + "max %.1f ms; refined p50 %.1f ms p99 %.1f ms; %s", sending.achievedRate(), figures.fastDecisions(),
                    figures.sent(), figures.missingFastDecision(), fast.p50(), fast.p99(), fast.max(),
                    figures.refinedEndToEnd().p50(), figures.refinedEndToEnd().p99(), sustained() ? "kept up" : "did NOT keep up");
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("via", via);
            map.put("targetRate", rate);
            map.put("achievedRate", Math.round(sending.achievedRate() * 10) / 10.0);
            map.put("sent", figures.sent());
            map.put("sendErrors", sending.failed());
            map.put("sendErrorsByKind", sending.errors());
            map.put("acceptLatency", sending.latency().toMap());
            map.put("fastDecisions", figures.fastDecisions());
            map.put("refinedDecisions", figures.refinedDecisions());
            map.put("missingRecorded", figures.missingRecorded());
            map.put("missingFastDecision", figures.missingFastDecision());
            map.put("sustained", sustained());
            map.put("eventToFastDecision", figures.fastEndToEnd().toMap());
            map.put("eventToRefinedDecision", figures.refinedEndToEnd().toMap());
            map.put("fastDecisionFirstThird", figures.fastFirstThird().toMap());
            map.put("fastDecisionLastThird", figures.fastLastThird().toMap());
            Map<String, Object> hops = new LinkedHashMap<>();
            figures.hops().forEach((hop, summary) -> hops.put(hop, summary.toMap()));
            map.put("hops", hops);
            return map;
        }
    }
}
