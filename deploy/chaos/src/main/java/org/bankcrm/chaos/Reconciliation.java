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
 */
final class Reconciliation {
    /** The consumers of crm.interaction.recorded that apply every one (client-service takes only stated needs). */
    static final Map<String, String> CONSUMERS = new LinkedHashMap<>(Map.of(
            "loyalty-service", "loyalty-service/interaction-events",
            "offer-service", "offer-service/interaction-events"));

    record Result(int accepted, int recorded, int lost, int withoutEvent, int eventTwice, Map<String, Integer> appliedOnce,
            Map<String, Integer> notApplied, Map<String, Integer> appliedTwice, int clientsCountsDiffer, long clientsCompared,
            Map<String, Long> unpublished) {

        boolean clean() {
            return lost == 0 && withoutEvent == 0 && eventTwice == 0 && clientsCountsDiffer == 0
                    && notApplied.values().stream().allMatch(n -> n == 0) && appliedTwice.values().stream().allMatch(n -> n == 0)
                    && unpublished.values().stream().allMatch(n -> n == 0);
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
        Map<String, Long> unpublished = new LinkedHashMap<>();
        for (String service : Broker.GROUPS) {
            try (Connection db = connect(service)) {
                long[] count = new long[1];
                query(db, "select count(*) from outbox_event where published_at is null", null, row -> count[0] = row.getLong(1));
                unpublished.put(service, count[0]);
            }
        }
        return new Result(accepted.size(), recorded.size(), lost.size(), withoutEvent, eventTwice, once, none, twice, differ,
                touchpointsPerClient.size(), unpublished);
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
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setArray(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    each.accept(rows);
                }
            }
        }
    }
}
