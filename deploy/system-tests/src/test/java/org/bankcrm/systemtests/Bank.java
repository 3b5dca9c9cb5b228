package org.bankcrm.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the bank's channels and systems do to the CRM in the scenarios: register clients, record touchpoints over REST
 * or send them over {@code crm.touchpoint.ingest.v1}, ask for and answer decisions. Public APIs and topics only.
 */
final class Bank implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final List<String> CHANNELS = List.of("BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK", "ATM", "CHAT",
            "EMAIL");
    static final List<String> MARKETING = List.of("SALES", "RETENTION", "TARIFF", "SERVICE_LEVEL");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final RunningCrm crm;
    final EventLog events;
    private final KafkaProducer<String, String> producer;

    Bank(RunningCrm crm, EventLog events) {
        this.crm = crm;
        this.events = events;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, crm.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "system-tests-core-banking");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(config);
        producer.partitionsFor(EventLog.TOUCHPOINT_INGEST); // connected and warm before the first scenario
    }

    // ---------------------------------------------------------------- clients

    /** A registered client with the personal data the CRM was given (to look for it after an erasure). */
    record Client(String id, String externalRef, String fullName, String email, String phone, String birthDate) {
    }

    /** One piece of personal data the bank gave the CRM about a client: what it is and its value. */
    record PersonalData(String clientId, String what, String value) {
    }

    /** Every piece of personal data of every client the system tests created, for the PII scans. */
    static final List<PersonalData> GIVEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Remembers personal data given to the CRM about a client (names: the part unique to the client). */
    static void gave(String clientId, String what, String value) {
        if (value != null && !value.isBlank()) {
            GIVEN.add(new PersonalData(clientId, what, value));
        }
    }

    /**
     * Registers an individual aged about 38 with a high income, every marketing consent and profiling, a current
     * account and three profitable months: client-service values them profitable with high potential (strategy
     * DEVELOP: the second product).
     */
    Client registerDevelopClient() {
        Client client = register(Map.of("marketingEmail", true, "marketingSms", true, "marketingPush", true,
                "marketingPhone", true, "profiling", true));
        openProduct(client, "CURRENT_ACCOUNT", 2500);
        for (int month = 1; month <= 3; month++) {
            recordFinancials(client, YearMonth.now().minusMonths(month), 60, 15);
        }
        return client;
    }

    Client register(Map<String, Boolean> consents) {
        int n = SEQUENCE.incrementAndGet();
        String token = token();
        // unique per client: names, contacts and birth dates are what the erasure scenario looks for in every table
        String birthDate = LocalDate.of(1987, 1, 1).plusDays(7L * n + ThreadLocalRandom.current().nextInt(7)).toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalRef", "ST-" + token.toUpperCase());
        body.put("type", "INDIVIDUAL");
        body.put("fullName", "Jana Systemtest" + token);
        body.put("birthDate", birthDate);
        body.put("email", "jana." + token + "@example.org");
        body.put("phone", "+4207" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
        body.put("incomeBracket", "HIGH");
        body.put("customerSince", "2016-05-02");
        body.put("consents", consents);
        Http.Reply reply = Http.post(crm.url(RunningCrm.CLIENT, "/api/v1/clients"), body);
        assertThat(reply.status()).as("registration: %s", reply).isEqualTo(201);
        Client client = new Client(reply.body().path("id").asText(), (String) body.get("externalRef"),
                (String) body.get("fullName"), (String) body.get("email"), (String) body.get("phone"), birthDate);
        gave(client.id(), "fullName", "Systemtest" + token);
        gave(client.id(), "email", client.email());
        gave(client.id(), "phone", client.phone());
        gave(client.id(), "birthDate", birthDate);
        gave(client.id(), "externalRef", client.externalRef());
        return client;
    }

    void openProduct(Client client, String type, int balance) {
        Http.Reply reply = Http.post(crm.url(RunningCrm.CLIENT, "/api/v1/clients/" + client.id() + "/products"),
                Map.of("type", type, "balance", balance));
        assertThat(reply.status()).as("product: %s", reply).isEqualTo(201);
    }

    void recordFinancials(Client client, YearMonth month, int revenue, int cost) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("month", month.toString());
        body.put("revenue", revenue);
        body.put("costToServe", cost);
        body.put("averageBalance", 2500);
        body.put("transactionCount", 25);
        body.put("transactionAmount", 1800);
        Http.Reply reply = Http.post(crm.url(RunningCrm.CLIENT, "/api/v1/clients/" + client.id() + "/financials"), body);
        assertThat(reply.status()).as("financials: %s", reply).isEqualTo(201);
    }

    /**
     * Waits until offer-service's read model holds what client-service knows of the client (products, strategy,
     * consents) and loyalty-service has scored the products and months of financials.
     */
    void awaitKnownEverywhere(Client client, int products, int monthsOfFinancials) {
        JsonNode value = Http.get(crm.url(RunningCrm.CLIENT, "/api/v1/clients/" + client.id() + "/value")).body();
        String strategy = value.path("strategy").asText();
        await("offer-service knows client " + client.id()).atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Http.Reply model = Http.get(crm.url(RunningCrm.OFFER, "/api/v1/read-model/clients/" + client.id()));
                    assertThat(model.status()).as("%s", model).isEqualTo(200);
                    assertThat(model.body().path("heldProducts").size()).as("%s", model).isEqualTo(products);
                    assertThat(model.body().path("strategy").asText()).as("%s", model).isEqualTo(strategy);
                });
        await("loyalty-service scored client " + client.id()).atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Http.Reply loyalty = loyalty(client);
                    assertThat(loyalty.status()).as("%s", loyalty).isEqualTo(200);
                    assertThat(loyalty.body().path("basis").path("products").asInt()).as("%s", loyalty).isEqualTo(products);
                    assertThat(loyalty.body().path("basis").path("monthsOfFinancials").asInt()).as("%s", loyalty)
                            .isEqualTo(monthsOfFinancials);
                });
    }

    /**
     * A DEVELOP client (see {@link #registerDevelopClient()}) outside this month's control group, whose data every
     * service has. offer-service ranks a control-group client's actions at random (that is its purpose), so the
     * scenarios that assert the ranking take a client the event chain decided for without the control group; the
     * event chain decides on the client's first loyalty score.
     */
    Client developClientOutsideControlGroup() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            Client client = registerDevelopClient();
            awaitKnownEverywhere(client, 1, 3);
            JsonNode decision = await("a first decision of the event chain for " + client.id()).atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> nextBestActions(client), r -> r.status() == 200).body();
            if (!decision.path("controlGroup").asBoolean()) {
                return client;
            }
            System.out.println("[system-tests] client " + client.id() + " is in this month's control group; taking another");
        }
        throw new AssertionError("eight clients in a row in the control group of a 5 % share");
    }

    // ---------------------------------------------------------------- touchpoints

    /** A touchpoint as a channel records it (the REST body, and the data of crm.touchpoint.submitted). */
    static Map<String, Object> touchpoint(Client client, Instant occurredAt, String channel, String type, String need,
            String outcome, String valence, String cause, String causeDetail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("clientId", client.id());
        body.put("occurredAt", occurredAt.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("channel", channel);
        body.put("type", type);
        body.put("initiator", "CLIENT");
        body.put("need", need);
        body.put("outcome", outcome);
        body.put("valence", valence);
        if (cause != null) {
            body.put("cause", cause);
        }
        if (causeDetail != null) {
            body.put("causeDetail", causeDetail);
        }
        return body;
    }

    static Map<String, Object> bankCausedComplaint(Client client, Instant occurredAt) {
        Map<String, Object> complaint = touchpoint(client, occurredAt, "CALL_CENTER", "COMPLAINT", "PAYMENTS",
                "UNRESOLVED", "NEGATIVE", "BANK", "ERROR");
        complaint.put("csat", 1);
        return complaint;
    }

    /** POST /interactions; returns the ms since the epoch just before the call. */
    long record(Map<String, Object> touchpoint) {
        long sent = System.currentTimeMillis();
        Http.Reply reply = Http.post(crm.url(RunningCrm.INTERACTION, "/api/v1/interactions"), touchpoint);
        assertThat(reply.status()).as("touchpoint: %s", reply).isEqualTo(201);
        return sent;
    }

    /** Sends a crm.touchpoint.submitted CloudEvent (binary mode) as another bank system does; returns the record's metadata. */
    RecordMetadata submit(String ceId, String subject, Object data) {
        return send(ceId, subject, subject, data instanceof String s ? s : json(data), true);
    }

    /** Sends a record to the ingest topic with the given key, headers (when {@code cloudEvent}) and raw value. */
    RecordMetadata send(String ceId, String key, String subject, String value, boolean cloudEvent) {
        ProducerRecord<String, String> record = new ProducerRecord<>(EventLog.TOUCHPOINT_INGEST, key, value);
        if (cloudEvent) {
            header(record, "ce_specversion", "1.0");
            if (ceId != null) {
                header(record, "ce_id", ceId);
            }
            header(record, "ce_type", "crm.touchpoint.submitted");
            header(record, "ce_source", "urn:bank:core-banking");
            if (subject != null) {
                header(record, "ce_subject", subject);
            }
            header(record, "ce_time", Instant.now().toString());
            header(record, "content-type", "application/json");
        }
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + EventLog.TOUCHPOINT_INGEST + ": " + e, e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    static String json(Object value) {
        try {
            return Http.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The crm.interaction.recorded of one touchpoint, once it is on the topic. */
    EventLog.Event awaitRecorded(String touchpointId) {
        return await("crm.interaction.recorded of touchpoint " + touchpointId).atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> events.matching(e -> e.topic().equals(EventLog.INTERACTION_EVENTS)
                        && "crm.interaction.recorded".equals(e.type())
                        && touchpointId.equals(e.data().path("interactionId").asText())), l -> !l.isEmpty())
                .get(0);
    }

    /**
     * The crm.offer.decided the event chain published for a cause of a given trigger type: its ce_causationid, or one of
     * the events a coalesced decision names in {@code trigger.causedBy}.
     */
    EventLog.Event awaitDecisionCausedBy(String causeId, String triggerType) {
        return await("crm.offer.decided caused by " + causeId).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> events.matching(e -> e.topic().equals(EventLog.OFFER_EVENTS)
                        && "crm.offer.decided".equals(e.type()) && answers(e, e.data().path("trigger"), causeId)
                        && triggerType.equals(e.data().path("trigger").path("type").asText())), l -> !l.isEmpty())
                .get(0);
    }

    /**
     * Whether offer-service decides again on a crm.loyalty.score-changed: when it moved the loyalty type or the churn
     * risk against the score before it (what a decision reads); behavioural and perceived loyalty alone do not.
     */
    static boolean asksForARefinedDecision(EventLog.Event score) {
        JsonNode previous = score.data().path("previous");
        return previous.isMissingNode() || previous.isNull()
                || !score.data().path("type").equals(previous.path("type"))
                || !score.data().path("churnRisk").equals(previous.path("churnRisk"));
    }

    /** The refined decision on a new score, when the score asks for one ({@link #asksForARefinedDecision}). */
    java.util.Optional<EventLog.Event> awaitRefinedDecision(EventLog.Event score) {
        return asksForARefinedDecision(score) ? java.util.Optional.of(awaitDecisionCausedBy(score.id(), "LOYALTY_SCORE"))
                : java.util.Optional.empty();
    }

    /** The crm.loyalty.score-changed caused by an event: its ce_causationid, or one a coalesced rescoring names in causedBy. */
    EventLog.Event awaitScoreCausedBy(String causeId) {
        return await("crm.loyalty.score-changed caused by " + causeId).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> events.matching(e -> e.topic().equals(EventLog.LOYALTY_EVENTS)
                        && "crm.loyalty.score-changed".equals(e.type()) && answers(e, e.data(), causeId)), l -> !l.isEmpty())
                .get(0);
    }

    private static boolean answers(EventLog.Event event, com.fasterxml.jackson.databind.JsonNode causes, String causeId) {
        if (causeId.equals(event.causation())) {
            return true;
        }
        for (com.fasterxml.jackson.databind.JsonNode cause : causes.path("causedBy")) {
            if (causeId.equals(cause.asText())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- reads and decisions

    Http.Reply loyalty(Client client) {
        return Http.get(crm.url(RunningCrm.LOYALTY, "/api/v1/clients/" + client.id() + "/loyalty"));
    }

    Http.Reply nextBestActions(Client client) {
        return Http.get(crm.url(RunningCrm.OFFER, "/api/v1/clients/" + client.id() + "/next-best-actions"));
    }

    JsonNode decide(Client client, String channel, int limit) {
        Http.Reply reply = Http.post(crm.url(RunningCrm.OFFER, "/api/v1/decisions"),
                Map.of("clientId", client.id(), "channel", channel, "limit", limit));
        assertThat(reply.status()).as("decision on %s: %s", channel, reply).isEqualTo(201);
        return reply.body();
    }

    /** offerId → the policy results the decision's audit kept for that offer. */
    Map<String, List<JsonNode>> policyResults(JsonNode decision) {
        Http.Reply audit = Http.get(crm.url(RunningCrm.OFFER,
                "/api/v1/decisions/" + decision.path("decisionId").asText() + "/audit"));
        assertThat(audit.status()).as("audit: %s", audit).isEqualTo(200);
        Map<String, List<JsonNode>> results = new LinkedHashMap<>();
        audit.body().path("inputs").path("policyResults").fields().forEachRemaining(entry -> {
            List<JsonNode> list = new ArrayList<>();
            entry.getValue().forEach(list::add);
            results.put(entry.getKey(), list);
        });
        assertThat(results).as("the audit keeps every policy result per offer: %s", audit).isNotEmpty();
        return results;
    }

    /** The first policy that rejected the offer in a decision, or null when every policy allowed it. */
    static String rejectedBy(List<JsonNode> results) {
        return results.stream().filter(r -> !r.path("allowed").asBoolean()).map(r -> r.path("policy").asText())
                .findFirst().orElse(null);
    }

    static List<String> categories(JsonNode decision) {
        List<String> categories = new ArrayList<>();
        decision.path("actions").forEach(a -> categories.add(a.path("category").asText()));
        return categories;
    }

    static String token() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
