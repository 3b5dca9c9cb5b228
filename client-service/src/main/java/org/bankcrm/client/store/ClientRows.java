package org.bankcrm.client.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Channel;
import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.Education;
import org.bankcrm.client.domain.MaritalStatus;
import org.bankcrm.client.domain.Occupation;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.ConsentPurpose;
import org.bankcrm.client.domain.DepartureReason;
import org.bankcrm.client.domain.IncomeBracket;
import org.bankcrm.client.domain.MonthFigures;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.Segment;
import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.domain.ValueStrategy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Clients read and written many at a time with plain multi-row statements of the reactive PostgreSQL
 * client, on a connection inside the caller's transaction: arrays bound as one parameter each
 * ({@code unnest($1::text[], ...)}, {@code = any($1)}), so a statement's text does not grow with the batch.
 * Values travel as text and are cast in SQL, which keeps nulls and numerics simple.
 */
@ApplicationScoped
public class ClientRows {
    static final String TAKEN_REFS = "select external_ref, id from client where external_ref = any($1::text[])";

    static final String SEGMENTS = "select code, condition_json, expected_products, active from segment order by code";

    static final String INSERT_CLIENTS = """
            insert into client (id, external_ref, type, full_name, birth_date, email, phone, income_bracket, customer_since,
                consent_marketing_email, consent_marketing_sms, consent_marketing_push, consent_marketing_phone, consent_profiling,
                created_at, updated_at, preferred_channel, profitability, potential, value_quadrant, strategy, value_computed_at,
                occupation, marital_status, education, household_size, dependants, country_of_residence)
            select u.id::uuid, u.ref, u.type, u.name, u.birth::date, u.email, u.phone, u.income, u.since::date,
                u.c_email::boolean, u.c_sms::boolean, u.c_push::boolean, u.c_phone::boolean, u.c_profiling::boolean,
                $1, $1, u.channel, u.profitability::numeric, u.potential::numeric, u.quadrant, u.strategy, $1,
                u.occupation, u.marital, u.education, u.household::integer, u.dependants::integer, u.country
            from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                        $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
                        $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[],
                        $24::text[], $25::text[], $26::text[])
                 as u(id, ref, type, name, birth, email, phone, income, since, c_email, c_sms, c_push, c_phone, c_profiling,
                      channel, profitability, potential, quadrant, strategy, occupation, marital, education, household,
                      dependants, country)
            """;

    static final String INSERT_CONSENT_ANSWERS = """
            insert into consent_change (client_id, purpose, granted, source, changed_at)
            select u.client::uuid, u.purpose, u.granted::boolean, $1, $2
            from unnest($3::text[], $4::text[], $5::text[]) with ordinality as u(client, purpose, granted, position)
            order by u.position
            """;

    static final String INSERT_MEMBERSHIPS = """
            insert into client_segment (client_id, segment_code, since)
            select u.client::uuid, u.code, $1 from unnest($2::text[], $3::text[]) as u(client, code)
            on conflict do nothing
            """;

    static final String LIVE_CLIENTS_AFTER = """
            select id, type, birth_date, income_bracket, customer_since, profitability, potential, value_quadrant, strategy
            from client where erased_at is null and id > $1 order by id limit $2
            """;

    static final String LIVE_CLIENTS_AMONG = """
            select id, type, birth_date, income_bracket, customer_since, profitability, potential, value_quadrant, strategy
            from client where erased_at is null and id = any($1::uuid[]) order by id
            """;

    /** Every one of the ids that exists, erased or not, with what its segments and its value rest on, and its departure. */
    static final String CLIENTS_AMONG = """
            select id, type, birth_date, income_bracket, customer_since, profitability, potential, value_quadrant, strategy,
                erased_at, preferred_channel, occupation, marital_status, education, household_size, dependants,
                country_of_residence, stated_needs, left_at, left_reason, left_reported_reason
            from client where id = any($1::uuid[]) order by id
            """;

    static final String UPDATE_DEPARTURES = """
            update client c set left_at = u.left_at::timestamptz, left_reason = u.reason,
                left_reported_reason = u.reported, updated_at = u.updated::timestamptz
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as u(id, left_at, reason, reported, updated)
            where c.id = u.id::uuid
            """;

    static final String MEMBERSHIPS = "select client_id, segment_code from client_segment where client_id = any($1::uuid[])";

    static final String LEAVE_SEGMENTS = """
            delete from client_segment s using unnest($1::text[], $2::text[]) as u(client, code)
            where s.client_id = u.client::uuid and s.segment_code = u.code
            """;

    static final String LATEST_BALANCES = """
            select distinct on (client_id) client_id, average_balance::text from monthly_financials
            where client_id = any($1::uuid[]) order by client_id, month desc
            """;

    static final String OPEN_PRODUCTS = "select client_id, type from held_product where client_id = any($1::uuid[]) and closed_at is null";

    static final String MONTHS_SINCE = """
            select client_id, month, revenue::text, cost_to_serve::text, average_balance::text from monthly_financials
            where client_id = any($1::uuid[]) and month >= $2 order by client_id, month
            """;

    static final String EXPECTED_PRODUCTS = """
            select m.client_id, s.expected_products from client_segment m join segment s on s.code = m.segment_code
            where m.client_id = any($1::uuid[]) and s.active
            """;

    static final String UPDATE_VALUES = """
            update client c set profitability = u.profitability::numeric, potential = u.potential::numeric,
                value_quadrant = u.quadrant, strategy = u.strategy, value_computed_at = $1
            from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as u(id, profitability, potential, quadrant, strategy)
            where c.id = u.id::uuid
            """;

    /** The ids of the clients that already have one of {@code refs}, by externalRef. */
    public Uni<Map<String, UUID>> takenRefs(SqlConnection connection, Collection<String> refs) {
        return connection.preparedQuery(TAKEN_REFS).execute(Tuple.of(refs.toArray(String[]::new))).map(rows -> {
            Map<String, UUID> taken = new HashMap<>();
            for (Row row : rows) {
                taken.put(row.getString(0), row.getUUID(1));
            }
            return taken;
        });
    }

    /** Every segment definition (active or not), by code, as far as membership and expected products need it. */
    public Uni<List<Segment>> segments(SqlConnection connection) {
        return connection.query(SEGMENTS).execute().map(rows -> {
            List<Segment> all = new ArrayList<>();
            for (Row row : rows) {
                Segment s = new Segment();
                s.code = row.getString(0);
                s.condition = row.getString(1);
                s.expectedProducts = row.getString(2);
                s.active = row.getBoolean(3);
                all.add(s);
            }
            return all;
        });
    }

    /** New clients with their first value, in one statement. */
    public Uni<Void> insert(SqlConnection connection, List<Client> clients, Instant at) {
        int n = clients.size();
        String[][] columns = new String[25][n];
        for (int i = 0; i < n; i++) {
            Client c = clients.get(i);
            String[] values = { c.id.toString(), c.externalRef, c.type.name(), c.fullName, text(c.birthDate), c.email, c.phone,
                    name(c.incomeBracket), text(c.customerSince), text(c.consents.marketingEmail), text(c.consents.marketingSms),
                    text(c.consents.marketingPush), text(c.consents.marketingPhone), text(c.consents.profiling),
                    name(c.preferredChannel), text(c.profitability), text(c.potential), name(c.valueQuadrant), name(c.strategy),
                    name(c.occupation), name(c.maritalStatus), name(c.education), text(c.householdSize), text(c.dependants),
                    c.countryOfResidence };
            for (int col = 0; col < values.length; col++) {
                columns[col][i] = values[col];
            }
        }
        List<Object> params = new ArrayList<>(26);
        params.add(utc(at));
        params.addAll(List.of((Object[]) columns));
        return connection.preparedQuery(INSERT_CLIENTS).execute(Tuple.tuple(params)).replaceWithVoid();
    }

    /** The answer on every consent purpose of each client, as given at {@code at} from {@code source}. */
    public Uni<Void> insertConsentAnswers(SqlConnection connection, List<Client> clients, String source, Instant at) {
        ConsentPurpose[] purposes = ConsentPurpose.values();
        int n = clients.size() * purposes.length;
        String[] ids = new String[n];
        String[] purpose = new String[n];
        String[] granted = new String[n];
        int i = 0;
        for (Client c : clients) {
            for (ConsentPurpose p : purposes) {
                ids[i] = c.id.toString();
                purpose[i] = p.name();
                granted[i] = text(c.consents.granted(p));
                i++;
            }
        }
        return connection.preparedQuery(INSERT_CONSENT_ANSWERS)
                .execute(Tuple.tuple(List.of(source, utc(at), ids, purpose, granted))).replaceWithVoid();
    }

    /** Memberships, one per (client, segment code) pair. */
    public Uni<Void> insertMemberships(SqlConnection connection, List<UUID> clientIds, List<String> codes, Instant since) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(INSERT_MEMBERSHIPS)
                .execute(Tuple.of(utc(since), clientIds.stream().map(UUID::toString).toArray(String[]::new),
                        codes.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Up to {@code limit} live clients after {@code after} in id order, with what their value rests on and their stored value. */
    public Uni<List<Client>> liveAfter(SqlConnection connection, UUID after, int limit) {
        return connection.preparedQuery(LIVE_CLIENTS_AFTER).execute(Tuple.of(after, limit)).map(ClientRows::valued);
    }

    /** Those of {@code ids} that are live, in id order, as {@link #liveAfter}. */
    public Uni<List<Client>> liveAmong(SqlConnection connection, Collection<UUID> ids) {
        return connection.preparedQuery(LIVE_CLIENTS_AMONG).execute(Tuple.of(ids.toArray(UUID[]::new))).map(ClientRows::valued);
    }

    /**
     * Those of {@code ids} that exist, erased or not ({@link Client#isErased()}), by id: what their segments and value rest
     * on, and their stored value.
     */
    public Uni<Map<UUID, Client>> among(SqlConnection connection, Collection<UUID> ids) {
        return connection.preparedQuery(CLIENTS_AMONG).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Client> clients = new HashMap<>();
            for (Row row : rows) {
                Client c = valued(row);
                OffsetDateTime erased = row.getOffsetDateTime("erased_at");
                c.erasedAt = erased == null ? null : erased.toInstant();
                c.preferredChannel = value(Channel.class, row.getString("preferred_channel"));
                c.occupation = value(Occupation.class, row.getString("occupation"));
                c.maritalStatus = value(MaritalStatus.class, row.getString("marital_status"));
                c.education = value(Education.class, row.getString("education"));
                c.householdSize = row.getInteger("household_size");
                c.dependants = row.getInteger("dependants");
                c.countryOfResidence = row.getString("country_of_residence");
                c.statedNeedCodes = row.getString("stated_needs");
                OffsetDateTime left = row.getOffsetDateTime("left_at");
                c.leftAt = left == null ? null : left.toInstant();
                c.leftReason = value(DepartureReason.class, row.getString("left_reason"));
                c.leftReportedReason = row.getString("left_reported_reason");
                clients.put(c.id, c);
            }
            return clients;
        });
    }

    /** Stores the departure as it now stands (gone or back) on each of {@code clients}, as read by {@link #among}, in one statement. */
    public Uni<Void> updateDepartures(SqlConnection connection, Collection<Client> clients) {
        return executeByColumn(connection, UPDATE_DEPARTURES, List.copyOf(clients), List.of(c -> c.id.toString(), c -> text(c.leftAt),
                c -> name(c.leftReason), c -> c.leftReportedReason, c -> text(c.updatedAt)));
    }

    /**
     * Runs a multi-row {@code statement} whose parameters are one text array per column, in order: the value of each
     * of {@code rows} in that column. Nothing to run for no rows.
     */
    static <T> Uni<Void> executeByColumn(SqlConnection connection, String statement, List<T> rows,
            List<Function<T, String>> columns) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> arrays = new ArrayList<>(columns.size());
        for (Function<T, String> column : columns) {
            arrays.add(rows.stream().map(column).toArray(String[]::new));
        }
        return connection.preparedQuery(statement).execute(Tuple.tuple(arrays)).replaceWithVoid();
    }

    /** The codes of the segments each client belongs to (absent: none). */
    public Uni<Map<UUID, Set<String>>> memberships(SqlConnection connection, Collection<UUID> ids) {
        return connection.preparedQuery(MEMBERSHIPS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Set<String>> codes = new HashMap<>();
            for (Row row : rows) {
                codes.computeIfAbsent(row.getUUID(0), k -> new java.util.TreeSet<>()).add(row.getString(1));
            }
            return codes;
        });
    }

    /** Ends memberships, one per (client, segment code) pair. */
    public Uni<Void> leaveSegments(SqlConnection connection, List<UUID> clientIds, List<String> codes) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(LEAVE_SEGMENTS)
                .execute(Tuple.of(clientIds.stream().map(UUID::toString).toArray(String[]::new), codes.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The average balance of each client's latest recorded month (absent: no month recorded). */
    public Uni<Map<UUID, BigDecimal>> latestBalances(SqlConnection connection, Collection<UUID> ids) {
        return connection.preparedQuery(LATEST_BALANCES).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, BigDecimal> balances = new HashMap<>();
            for (Row row : rows) {
                balances.put(row.getUUID(0), new BigDecimal(row.getString(1)));
            }
            return balances;
        });
    }

    /** The types of the open products per client (one entry per product). */
    public Uni<Map<UUID, List<ProductType>>> openProducts(SqlConnection connection, Collection<UUID> ids) {
        return connection.preparedQuery(OPEN_PRODUCTS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, List<ProductType>> open = new HashMap<>();
            for (Row row : rows) {
                open.computeIfAbsent(row.getUUID(0), k -> new ArrayList<>()).add(ProductType.valueOf(row.getString(1)));
            }
            return open;
        });
    }

    /** The monthly figures per client from {@code from} on, oldest first. */
    public Uni<Map<UUID, List<MonthFigures>>> monthsSince(SqlConnection connection, Collection<UUID> ids, LocalDate from) {
        return connection.preparedQuery(MONTHS_SINCE).execute(Tuple.of(ids.toArray(UUID[]::new), from)).map(rows -> {
            Map<UUID, List<MonthFigures>> months = new LinkedHashMap<>();
            for (Row row : rows) {
                months.computeIfAbsent(row.getUUID(0), k -> new ArrayList<>()).add(new MonthFigures(
                        YearMonth.from(row.getLocalDate(1)), new BigDecimal(row.getString(2)), new BigDecimal(row.getString(3)),
                        new BigDecimal(row.getString(4))));
            }
            return months;
        });
    }

    /** The union of the products the client's active segments expect, per client (absent: none known). */
    public Uni<Map<UUID, Set<ProductType>>> expectedProducts(SqlConnection connection, Collection<UUID> ids) {
        return connection.preparedQuery(EXPECTED_PRODUCTS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Set<ProductType>> expected = new HashMap<>();
            for (Row row : rows) {
                Set<ProductType> types = expected.computeIfAbsent(row.getUUID(0), k -> EnumSet.noneOf(ProductType.class));
                for (String t : row.getString(1).split(",")) {
                    if (!t.isBlank()) {
                        types.add(ProductType.valueOf(t.trim()));
                    }
                }
            }
            return expected;
        });
    }

    /** Stores the value now on each of {@code clients}, in one statement. */
    public Uni<Void> updateValues(SqlConnection connection, List<Client> clients, Instant at) {
        if (clients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = clients.size();
        String[] ids = new String[n];
        String[] profitability = new String[n];
        String[] potential = new String[n];
        String[] quadrant = new String[n];
        String[] strategy = new String[n];
        for (int i = 0; i < n; i++) {
            Client c = clients.get(i);
            ids[i] = c.id.toString();
            profitability[i] = text(c.profitability);
            potential[i] = text(c.potential);
            quadrant[i] = name(c.valueQuadrant);
            strategy[i] = name(c.strategy);
        }
        return connection.preparedQuery(UPDATE_VALUES)
                .execute(Tuple.tuple(List.of(utc(at), ids, profitability, potential, quadrant, strategy))).replaceWithVoid();
    }

    private static List<Client> valued(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Client> clients = new ArrayList<>();
        for (Row row : rows) {
            clients.add(valued(row));
        }
        return clients;
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static Client valued(Row row) {
        Client c = new Client();
        c.id = row.getUUID("id");
        c.type = ClientType.valueOf(row.getString("type"));
        c.birthDate = row.getLocalDate("birth_date");
        String income = row.getString("income_bracket");
        c.incomeBracket = income == null ? null : IncomeBracket.valueOf(income);
        c.customerSince = row.getLocalDate("customer_since");
        Object profitability = row.getValue("profitability");
        c.profitability = profitability == null ? null : new BigDecimal(profitability.toString());
        Object potential = row.getValue("potential");
        c.potential = potential == null ? null : new BigDecimal(potential.toString());
        String quadrant = row.getString("value_quadrant");
        c.valueQuadrant = quadrant == null ? null : ValueQuadrant.valueOf(quadrant);
        String strategy = row.getString("strategy");
        c.strategy = strategy == null ? null : ValueStrategy.valueOf(strategy);
        return c;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
