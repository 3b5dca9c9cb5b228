package org.bankcrm.chaos;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Counts, from the services' own databases (the sources of truth), what became of every touchpoint the load saw
 * accepted: recorded once in interaction-service, announced by exactly one {@code crm.interaction.recorded} (its
 * ce_id), applied once by loyalty-service and offer-service (their inbox rows for that ce_id), and each client's
 * interaction count in loyalty-service's profile equal to the crm.interaction.recorded events interaction-service
 * announced for them (an effect applied twice or lost would show there, beyond the inbox). Then no outbox row left unpublished anywhere.
 *
 * <p>Per-client order: every consumer of state-carrying events must hold, for every client, the newest state its producer
 * published - its {@code applied_sequence} equal to the highest {@code ce_sequence} of that client's state events in the
 * producer's outbox - and offer-service's copy of each client's scores must be the one in loyalty-service's last
 * {@code crm.loyalty.score-changed}. An older state written over a newer one (or the newest never applied) shows there.
 */
final class Reconciliation {
    /** The consumers of crm.interaction.recorded that apply every one (client-service takes only stated needs). */
    static final String CLIENT_TOPIC = "crm.client.events.v1";
    static final Map<String, String> CONSUMERS = new LinkedHashMap<>(Map.of(
            "loyalty-service", "loyalty-service/interaction-events",
            "offer-service", "offer-service/interaction-events"));

    /**
     * A consumer of state-carrying events (Ordering.STATE in the service): {@code factTypes} are the types of its topic
     * that move no applied sequence - those it applies as facts, and those it does not read at all (turned down before
     * any transaction, as interaction-service and offer-service do with the client events they have no use for).
     */
    record StateConsumer(String service, String consumer, String producer, String topic, List<String> factTypes) {
    }

    static final List<StateConsumer> STATE_CONSUMERS = List.of(
            // interaction-service reads crm.client.registered, crm.client.erased and crm.client.segment-changed only
            new StateConsumer("interaction-service", "interaction-service/client-events", "client-service", CLIENT_TOPIC,
                    List.of("crm.client.updated", "crm.client.product-opened", "crm.client.product-closed",
                            "crm.client.financials-recorded", "crm.client.value-changed", "crm.client.consent-changed",
                            "crm.client.left", "crm.client.returned")),
            new StateConsumer("loyalty-service", "loyalty-service/client-events", "client-service", CLIENT_TOPIC,
                    List.of("crm.client.financials-recorded")),
            new StateConsumer("offer-service", "offer-service/client-events", "client-service", CLIENT_TOPIC,
                    List.of("crm.client.financials-recorded", "crm.client.left", "crm.client.returned")),
            new StateConsumer("offer-service", "offer-service/loyalty-events", "loyalty-service", "crm.loyalty.events.v1",
                    List.of()));

    /**
     * Per-client order: per state consumer, how many of the clients its producer published state of it does not hold
     * at the newest ({@code behind}: its applied sequence is not the producer's last); how many clients' scores in
     * offer-service differ from loyalty-service's last score-changed, of how many compared.
     */
    record Order(Map<String, Integer> behind, Map<String, Integer> compared, int scoresDiffer, int scoresCompared) {
        int outOfOrder() {
            return behind.values().stream().mapToInt(Integer::intValue).sum() + scoresDiffer;
        }
    }

    /**
     * The bank in every read model, against client-service's database: of its {@code clients}, how many each read model
     * lacks ({@code missing}: a registration lost), and how many clients' open product types (loyalty- and offer-service),
     * consents (offer-service) and kept months of financials (loyalty-service: the month's average balance and
     * transactions, the last post of a month winning) differ from client-service's: not the last state.
     */
    record Bank(int clients, Map<String, Integer> missing, Map<String, Integer> productsDiffer, int consentsDiffer,
            int financialsDiffer) {
        int lost() {
            return missing.values().stream().mapToInt(Integer::intValue).sum();
        }

        int notLast() {
            return productsDiffer.values().stream().mapToInt(Integer::intValue).sum() + consentsDiffer + financialsDiffer;
        }
    }

    /**
     * The decision point's side: of the decisions the channel got (201), how many offer-service stores ({@code stored})
     * and announced by how many crm.offer.decided (none, more than one); of those with actions, how many are on the
     * client's timeline in interaction-service ({@code presented}, the OFFER_PRESENTED touchpoint); of the answers
     * offer-service accepted, how many it holds with that outcome ({@code recorded}), announced by how many
     * crm.offer.responded, on the timeline (the OFFER_RESPONSE touchpoint); interaction-service's inbox rows for those
     * offer events (once, never, twice); the model's observations added during the scenario against the answers that
     * teach it ({@code learnt} vs {@code toLearn}); and per accepted touchpoint, how many event-chain decisions
     * (trigger INTERACTION) list its crm.interaction.recorded in {@code causedBy}: exactly one each.
     */
    record Decisions(int decided, int stored, int decidedEventNone, int decidedEventTwice, int withActions, int presented,
            int answers, int recorded, int respondedEventNone, int respondedEventTwice, int onTimeline, int inboxOnce,
            int inboxNever, int inboxTwice, long toLearn, long learnt, int touchpointsDecidedOnce, int touchpointsNotDecided,
            int touchpointsDecidedTwice) {
        static Decisions none() {
            return new Decisions(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        /** Decisions or answers accepted and not stored, announced, applied or learnt; touchpoints never decided on. */
        int lost() {
            return (decided - stored) + decidedEventNone + (withActions - presented) + (answers - recorded) + respondedEventNone
                    + (answers - onTimeline) + inboxNever + (int) Math.max(0, toLearn - learnt) + touchpointsNotDecided;
        }

        /** Announced twice, applied twice by interaction-service, learnt more often than answered, decided on twice. */
        int doubled() {
            return decidedEventTwice + respondedEventTwice + inboxTwice + (int) Math.max(0, learnt - toLearn)
                    + touchpointsDecidedTwice;
        }
    }

    record Result(int accepted, int recorded, int lost, int withoutEvent, int eventTwice, Map<String, Integer> appliedOnce,
            Map<String, Integer> notApplied, Map<String, Integer> appliedTwice, int clientsCountsDiffer, long clientsCompared,
            Map<String, Long> unpublished, Order order, Bank bank, Decisions decisions) {

        /** Without a decision load (the touchpoints' and the bank's figures only). */
        Result(int accepted, int recorded, int lost, int withoutEvent, int eventTwice, Map<String, Integer> appliedOnce,
                Map<String, Integer> notApplied, Map<String, Integer> appliedTwice, int clientsCountsDiffer, long clientsCompared,
                Map<String, Long> unpublished, Order order, Bank bank) {
            this(accepted, recorded, lost, withoutEvent, eventTwice, appliedOnce, notApplied, appliedTwice, clientsCountsDiffer,
                    clientsCompared, unpublished, order, bank, Decisions.none());
        }

        boolean clean() {
            return lost == 0 && withoutEvent == 0 && eventTwice == 0 && clientsCountsDiffer == 0
                    && notApplied.values().stream().allMatch(n -> n == 0) && doubled() == 0
                    && unpublished.values().stream().allMatch(n -> n == 0) && order.outOfOrder() == 0 && bank.lost() == 0
                    && bank.notLast() == 0 && decisions.lost() == 0;
        }

        /** Clients whose newest state a consumer does not hold, or whose products, consents or financials differ. */
        int outOfOrder() {
            return order.outOfOrder() + bank.notLast();
        }

        /** Touchpoints announced twice, or applied twice by one consumer. */
        int doubled() {
            return eventTwice + appliedTwice.values().stream().mapToInt(Integer::intValue).sum() + decisions.doubled();
        }

        /** Accepted touchpoints not recorded, or recorded and never applied by one consumer; registrations a read model lacks. */
        int lostOrNotApplied() {
            return lost + withoutEvent + notApplied.values().stream().mapToInt(Integer::intValue).sum() + bank.lost()
                    + decisions.lost();
        }
    }

    private final Function<String, String> jdbcUrl;
    private final String user;
    private final String password;

    /** {@code jdbcUrl}: service name → the JDBC URL of its database. */
    Reconciliation(Function<String, String> jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    Result reconcile(Set<UUID> accepted) throws SQLException {
        return reconcile(accepted, Map.of(), Map.of(), -1);
    }

    /**
     * As {@link #reconcile(Set)}, with the decisions and answers the channel got accepted in the scenario and the sum of
     * the models' observations before it ({@link #modelObservations()}; -1: no decision load, nothing to check).
     */
    Result reconcile(Set<UUID> accepted, Map<UUID, DecisionLoad.Decision> decided, Map<UUID, DecisionLoad.Answer> answered,
            long observationsBefore) throws SQLException {
        Set<UUID> recorded = new HashSet<>();
        Map<UUID, List<String>> events = new HashMap<>();
        Map<UUID, Long> touchpointsPerClient = new HashMap<>();
        try (Connection interaction = connect("interaction-service")) {
            query(interaction, "select id from touchpoint where id = any(?)", uuids(interaction, accepted),
                    row -> recorded.add((UUID) row.getObject(1)));
            query(interaction, """
                    select (payload->>'interactionId')::uuid, event_id::text from outbox_event
                    where event_type = 'crm.interaction.recorded' and (payload->>'interactionId')::uuid = any(?)""",
                    uuids(interaction, accepted),
                    row -> events.computeIfAbsent((UUID) row.getObject(1), k -> new ArrayList<>()).add(row.getString(2)));
            // per client, the touchpoints announced as crm.interaction.recorded (those recorded from an offer's answer are not)
            query(interaction, """
                    select subject::uuid, count(*) from outbox_event
                    where event_type = 'crm.interaction.recorded' group by subject""", null,
                    row -> touchpointsPerClient.put((UUID) row.getObject(1), row.getLong(2)));
        }
        Set<UUID> lost = new HashSet<>(accepted);
        lost.removeAll(recorded);
        int withoutEvent = (int) recorded.stream().filter(id -> !events.containsKey(id)).count();
        int eventTwice = (int) events.values().stream().filter(ids -> ids.size() > 1).count();
        List<String> eventIds = events.values().stream().flatMap(List::stream).toList();

        Map<String, Integer> once = new LinkedHashMap<>();
        Map<String, Integer> none = new LinkedHashMap<>();
        Map<String, Integer> twice = new LinkedHashMap<>();
        Map<UUID, Long> interactionsPerClient = new HashMap<>();
        for (var consumer : CONSUMERS.entrySet()) {
            Map<String, Long> applied = new HashMap<>();
            try (Connection db = connect(consumer.getKey())) {
                Array ids = db.createArrayOf("text", eventIds.toArray());
                try (PreparedStatement statement = db.prepareStatement(
                        "select event_id, count(*) from inbox_event where consumer = ? and event_id = any(?) group by event_id")) {
                    statement.setString(1, consumer.getValue());
                    statement.setArray(2, ids);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            applied.put(rows.getString(1), rows.getLong(2));
                        }
                    }
                }
                if (consumer.getKey().equals("loyalty-service")) {
                    query(db, "select client_id, interactions from client_profile", null,
                            row -> interactionsPerClient.put((UUID) row.getObject(1), row.getLong(2)));
                }
            }
            once.put(consumer.getKey(), (int) eventIds.stream().filter(id -> applied.getOrDefault(id, 0L) == 1).count());
            none.put(consumer.getKey(), (int) eventIds.stream().filter(id -> !applied.containsKey(id)).count());
            twice.put(consumer.getKey(), (int) applied.values().stream().filter(n -> n > 1).count());
        }
        int differ = 0;
        for (var client : touchpointsPerClient.entrySet()) {
            if (!client.getValue().equals(interactionsPerClient.getOrDefault(client.getKey(), 0L))) {
                differ++;
            }
        }
        Decisions decisions = observationsBefore < 0 ? Decisions.none() : decisions(eventIds, decided, answered, observationsBefore);
        return new Result(accepted.size(), recorded.size(), lost.size(), withoutEvent, eventTwice, once, none, twice, differ,
                touchpointsPerClient.size(), unpublished(), order(), bank(), decisions);
    }

    /** The sum of every offer model's observations (each answer that teaches a model adds one). */
    long modelObservations() throws SQLException {
        long[] sum = new long[1];
        try (Connection offer = connect("offer-service")) {
            query(offer, "select coalesce(sum(observations), 0) from propensity_model", null, row -> sum[0] = row.getLong(1));
        }
        return sum[0];
    }

    /** See {@link Decisions}; {@code recordedEvents}: the crm.interaction.recorded ce_ids of the scenario's touchpoints. */
    Decisions decisions(List<String> recordedEvents, Map<UUID, DecisionLoad.Decision> decided,
            Map<UUID, DecisionLoad.Answer> answered, long observationsBefore) throws SQLException {
        Set<UUID> stored = new HashSet<>();
        Map<UUID, Integer> decidedEvents = new HashMap<>();
        Map<String, Integer> causes = new HashMap<>();
        Map<UUID, UUID> responseIds = new HashMap<>(); // decision → its answer's response id (ours: one answer each)
        Map<UUID, Integer> respondedEvents = new HashMap<>();
        List<String> offerEventIds = new ArrayList<>();
        int recorded = 0;
        long toLearn = 0;
        long observations;
        Set<UUID> withActions = new HashSet<>();
        decided.values().stream().filter(d -> !d.offers().isEmpty()).forEach(d -> withActions.add(d.decisionId()));
        try (Connection offer = connect("offer-service")) {
            Array ids = uuids(offer, decided.keySet());
            query(offer, "select id from decision where id = any(?)", ids, row -> stored.add((UUID) row.getObject(1)));
            queryWith(offer, """
                    select (payload->>'decisionId')::uuid, event_id::text from outbox_event
                    where event_type = 'crm.offer.decided' and (payload->>'decisionId')::uuid = any(?)""", List.of(ids), row -> {
                decidedEvents.merge((UUID) row.getObject(1), 1, Integer::sum);
                if (withActions.contains((UUID) row.getObject(1))) {
                    offerEventIds.add(row.getString(2)); // interaction-service applies a channel's decision with actions
                }
            });
            Map<UUID, String> outcomes = new HashMap<>();
            query(offer, "select decision_id, offer_id, outcome, id from offer_response where decision_id = any(?)", ids, row -> {
                UUID decision = (UUID) row.getObject(1);
                DecisionLoad.Answer answer = answered.get(decision);
                if (answer != null && answer.offerId().equals(row.getObject(2))) {
                    outcomes.put(decision, row.getString(3));
                    responseIds.put(decision, (UUID) row.getObject(4));
                }
            });
            for (DecisionLoad.Answer answer : answered.values()) {
                if (answer.outcome().equals(outcomes.get(answer.decisionId()))) {
                    recorded++;
                }
            }
            queryWith(offer, """
                    select (payload->>'responseId')::uuid, event_id::text from outbox_event
                    where event_type = 'crm.offer.responded' and (payload->>'decisionId')::uuid = any(?)""", List.of(ids), row -> {
                respondedEvents.merge((UUID) row.getObject(1), 1, Integer::sum);
                offerEventIds.add(row.getString(2));
            });
            // every answer to the scenario's decisions that teaches a model (also one whose 201 the channel never saw)
            long[] count = new long[1];
            query(offer, """
                    select count(*) from offer_response where decision_id = any(?) and profiled and outcome <> 'INTERESTED'""",
                    ids, row -> count[0] = row.getLong(1));
            toLearn = count[0];
            query(offer, "select coalesce(sum(observations), 0) from propensity_model", null, row -> count[0] = row.getLong(1));
            observations = count[0] - observationsBefore;
            // the event chain's decisions that answer the scenario's touchpoints
            queryWith(offer, """
                    select cause, count(*) from outbox_event, jsonb_array_elements_text(payload->'trigger'->'causedBy') cause
                    where event_type = 'crm.offer.decided' and payload->'trigger'->>'type' = 'INTERACTION' and cause = any(?)
                    group by cause""", List.of(offer.createArrayOf("text", recordedEvents.toArray())),
                    row -> causes.put(row.getString(1), row.getInt(2)));
        }
        Set<UUID> timeline = new HashSet<>();
        Map<String, Long> applied = new HashMap<>();
        List<UUID> expectedTouchpoints = new ArrayList<>();
        withActions.forEach(id -> expectedTouchpoints.add(presentedTouchpoint(id)));
        responseIds.values().forEach(id -> expectedTouchpoints.add(respondedTouchpoint(id)));
        try (Connection interaction = connect("interaction-service")) {
            query(interaction, "select id from touchpoint where id = any(?)", uuids(interaction, expectedTouchpoints),
                    row -> timeline.add((UUID) row.getObject(1)));
            queryWith(interaction, """
                    select event_id, count(*) from inbox_event where consumer = 'interaction-service/offer-events'
                    and event_id = any(?) group by event_id""", List.of(interaction.createArrayOf("text", offerEventIds.toArray())),
                    row -> applied.put(row.getString(1), row.getLong(2)));
        }
        int presented = (int) withActions.stream().filter(id -> stored.contains(id) && timeline.contains(presentedTouchpoint(id)))
                .count();
        int onTimeline = (int) answered.keySet().stream().filter(id -> responseIds.containsKey(id)
                && timeline.contains(respondedTouchpoint(responseIds.get(id)))).count();
        int respondedNone = (int) answered.keySet().stream().filter(id -> !responseIds.containsKey(id)
                || !respondedEvents.containsKey(responseIds.get(id))).count();
        return new Decisions(decided.size(), (int) decided.keySet().stream().filter(stored::contains).count(),
                (int) decided.keySet().stream().filter(id -> !decidedEvents.containsKey(id)).count(),
                (int) decidedEvents.values().stream().filter(n -> n > 1).count(), withActions.size(), presented,
                answered.size(), recorded, respondedNone, (int) respondedEvents.values().stream().filter(n -> n > 1).count(),
                onTimeline, (int) offerEventIds.stream().filter(id -> applied.getOrDefault(id, 0L) == 1).count(),
                (int) offerEventIds.stream().filter(id -> !applied.containsKey(id)).count(),
                (int) applied.values().stream().filter(n -> n > 1).count(), toLearn, observations,
                (int) recordedEvents.stream().filter(id -> causes.getOrDefault(id, 0) == 1).count(),
                (int) recordedEvents.stream().filter(id -> !causes.containsKey(id)).count(),
                (int) causes.values().stream().filter(n -> n > 1).count());
    }

    /** interaction-service's id of the OFFER_PRESENTED touchpoint of a decision (OfferTouchpoints.presentedId). */
    static UUID presentedTouchpoint(UUID decisionId) {
        return UUID.nameUUIDFromBytes(("crm.offer.decided:" + decisionId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** interaction-service's id of the OFFER_RESPONSE touchpoint of an answer (OfferTouchpoints.responseId). */
    static UUID respondedTouchpoint(UUID responseId) {
        return UUID.nameUUIDFromBytes(("crm.offer.responded:" + responseId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The bank's clients, products, consents and financials in every read model (see {@link Bank}). */
    Bank bank() throws SQLException {
        Map<String, String> products = new HashMap<>();
        Map<String, String> consents = new HashMap<>();
        Map<String, Map<String, String>> financials = new HashMap<>();
        try (Connection client = connect("client-service")) {
            queryWith(client, """
                    select id::text, concat_ws(',', consent_marketing_email, consent_marketing_sms, consent_marketing_push,
                           consent_marketing_phone, consent_profiling) from client where erased_at is null""", List.of(),
                    row -> consents.put(row.getString(1), row.getString(2)));
            queryWith(client, """
                    select client_id::text, string_agg(distinct type, ',' order by type) from held_product
                    where closed_at is null group by client_id""", List.of(), row -> products.put(row.getString(1), row.getString(2)));
            // the months loyalty-service keeps: the 15 latest of each client
            queryWith(client, """
                    select client_id::text, to_char(month, 'YYYY-MM'), average_balance::float8, transaction_count
                    from (select *, row_number() over (partition by client_id order by month desc) as n from monthly_financials) m
                    where n <= 15""", List.of(), row -> financials.computeIfAbsent(row.getString(1), k -> new HashMap<>())
                    .put(row.getString(2), month(row.getDouble(3), row.getLong(4))));
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        Map<String, Integer> productsDiffer = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        try (Connection interaction = connect("interaction-service")) {
            queryWith(interaction, "select client_id::text from known_client", List.of(), row -> known.add(row.getString(1)));
        }
        missing.put("interaction-service", (int) consents.keySet().stream().filter(id -> !known.contains(id)).count());
        int financialsDiffer = 0;
        try (Connection loyalty = connect("loyalty-service")) {
            Map<String, String> held = new HashMap<>();
            Map<String, String> months = new HashMap<>();
            queryWith(loyalty, "select client_id::text, held_product_types, financials from client_profile", List.of(), row -> {
                held.put(row.getString(1), row.getString(2));
                months.put(row.getString(1), row.getString(3));
            });
            missing.put("loyalty-service", (int) consents.keySet().stream().filter(id -> !held.containsKey(id)).count());
            productsDiffer.put("loyalty-service", differ(held, products, consents.keySet()));
            for (var client : months.entrySet()) {
                if (consents.containsKey(client.getKey())
                        && !keptMonths(client.getValue()).equals(financials.getOrDefault(client.getKey(), Map.of()))) {
                    financialsDiffer++;
                }
            }
        }
        int consentsDiffer = 0;
        try (Connection offer = connect("offer-service")) {
            Map<String, String> held = new HashMap<>();
            Map<String, String> consented = new HashMap<>();
            queryWith(offer, """
                    select client_id::text, held_products, concat_ws(',', consent_marketing_email, consent_marketing_sms,
                           consent_marketing_push, consent_marketing_phone, consent_profiling) from client_profile""", List.of(),
                    row -> {
                        held.put(row.getString(1), row.getString(2));
                        consented.put(row.getString(1), row.getString(3));
                    });
            missing.put("offer-service", (int) consents.keySet().stream().filter(id -> !held.containsKey(id)).count());
            productsDiffer.put("offer-service", differ(held, products, consents.keySet()));
            for (var client : consented.entrySet()) {
                if (consents.containsKey(client.getKey()) && !client.getValue().equals(consents.get(client.getKey()))) {
                    consentsDiffer++;
                }
            }
        }
        return new Bank(consents.size(), missing, productsDiffer, consentsDiffer, financialsDiffer);
    }

    /** Clients of {@code clients} whose product types in a read model ({@code held}) are not client-service's. */
    private static int differ(Map<String, String> held, Map<String, String> products, Set<String> clients) {
        return (int) held.entrySet().stream()
                .filter(c -> clients.contains(c.getKey()) && !types(c.getValue()).equals(types(products.get(c.getKey()))))
                .count();
    }

    private static Set<String> types(String joined) {
        Set<String> types = new java.util.TreeSet<>();
        if (joined != null) {
            for (String type : joined.split(",")) {
                if (!type.isBlank()) {
                    types.add(type.trim());
                }
            }
        }
        return types;
    }

    /** A month's figures as loyalty-service keeps them: the average balance to the cent and the transactions. */
    private static String month(double averageBalance, long transactions) {
        return String.format(java.util.Locale.ROOT, "%.2f/%d", averageBalance, transactions);
    }

    /** loyalty-service's client_profile.financials ("2026-11=1250.0=20=1000.0;…") as month → {@link #month}. */
    static Map<String, String> keptMonths(String financials) {
        Map<String, String> months = new HashMap<>();
        if (financials == null || financials.isEmpty()) {
            return months;
        }
        for (String entry : financials.split(";")) {
            String[] parts = entry.split("=");
            months.put(parts[0], month(Double.parseDouble(parts[1]), (long) Double.parseDouble(parts[2])));
        }
        return months;
    }

    /** Read model → the clients it holds (interaction-service's known clients, loyalty's and offer's profiles). */
    Map<String, Long> known() throws SQLException {
        Map<String, Long> known = new LinkedHashMap<>();
        for (var table : Map.of("interaction-service", "known_client", "loyalty-service", "client_profile", "offer-service",
                "client_profile").entrySet()) {
            try (Connection db = connect(table.getKey())) {
                long[] count = new long[1];
                query(db, "select count(*) from " + table.getValue(), null, row -> count[0] = row.getLong(1));
                known.put(table.getKey(), count[0]);
            }
        }
        return known;
    }

    /** Service → its outbox rows not published yet. */
    Map<String, Long> unpublished() throws SQLException {
        Map<String, Long> unpublished = new LinkedHashMap<>();
        for (String service : Broker.GROUPS) {
            try (Connection db = connect(service)) {
                long[] count = new long[1];
                query(db, "select count(*) from outbox_event where published_at is null", null, row -> count[0] = row.getLong(1));
                unpublished.put(service, count[0]);
            }
        }
        return unpublished;
    }

    /** The per-client order checks (see the class comment), over every client. */
    Order order() throws SQLException {
        Map<String, Integer> behind = new LinkedHashMap<>();
        Map<String, Integer> compared = new LinkedHashMap<>();
        for (StateConsumer state : STATE_CONSUMERS) {
            Map<String, Long> published = new HashMap<>();
            try (Connection producer = connect(state.producer())) {
                queryWith(producer, """
                        select subject, max((extensions->>'sequence')::bigint) from outbox_event
                        where topic = ? and subject is not null and extensions->>'sequence' is not null and event_type <> all(?)
                        group by subject""", List.of(state.topic(), producer.createArrayOf("text", state.factTypes().toArray())),
                        row -> published.put(row.getString(1), row.getLong(2)));
            }
            Map<String, Long> applied = new HashMap<>();
            try (Connection consumer = connect(state.service())) {
                queryWith(consumer, "select client_id, max(sequence) from applied_sequence where consumer = ? group by client_id",
                        List.of(state.consumer()), row -> applied.put(row.getString(1), row.getLong(2)));
            }
            int notNewest = 0;
            for (var client : published.entrySet()) {
                if (!client.getValue().equals(applied.get(client.getKey()))) {
                    notNewest++;
                }
            }
            behind.put(state.consumer(), notNewest);
            compared.put(state.consumer(), published.size());
        }
        // offer-service's copy of the scores against loyalty-service's last score-changed of each client
        Map<UUID, double[]> lastScores = new HashMap<>();
        try (Connection loyalty = connect("loyalty-service")) {
            queryWith(loyalty, """
                    select distinct on (subject) subject::uuid, (payload->>'behavioural')::float8, (payload->>'perceived')::float8
                    from outbox_event where event_type = 'crm.loyalty.score-changed' and extensions->>'sequence' is not null
                    order by subject, (extensions->>'sequence')::bigint desc""", List.of(),
                    row -> lastScores.put((UUID) row.getObject(1), new double[] { row.getDouble(2), row.getDouble(3) }));
        }
        int scoresDiffer = 0;
        try (Connection offer = connect("offer-service")) {
            Map<UUID, double[]> copies = new HashMap<>();
            queryWith(offer, "select client_id, behavioural, perceived from client_profile where behavioural is not null", List.of(),
                    row -> copies.put((UUID) row.getObject(1), new double[] { row.getDouble(2), row.getDouble(3) }));
            for (var client : lastScores.entrySet()) {
                double[] copy = copies.get(client.getKey());
                if (copy == null || Math.abs(copy[0] - client.getValue()[0]) > 1e-9 || Math.abs(copy[1] - client.getValue()[1]) > 1e-9) {
                    scoresDiffer++;
                }
            }
        }
        return new Order(behind, compared, scoresDiffer, lastScores.size());
    }

    private Connection connect(String service) throws SQLException {
        return DriverManager.getConnection(jdbcUrl.apply(service), user, password);
    }

    private static Array uuids(Connection db, Collection<UUID> ids) throws SQLException {
        return db.createArrayOf("uuid", ids.toArray());
    }

    private interface Row {
        void accept(ResultSet row) throws SQLException;
    }

    private static void query(Connection db, String sql, Array parameter, Row each) throws SQLException {
        queryWith(db, sql, parameter == null ? List.of() : List.of(parameter), each);
    }

    private static void queryWith(Connection db, String sql, List<Object> parameters, Row each) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    each.accept(rows);
                }
            }
        }
    }
}
