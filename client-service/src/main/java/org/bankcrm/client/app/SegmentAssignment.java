package org.bankcrm.client.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientSegment;
import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.Segment;
import org.bankcrm.client.domain.SegmentCondition;
import org.bankcrm.client.domain.SegmentFacts;
import org.bankcrm.client.domain.SegmentMembership;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.ClientRows;
import org.bankcrm.client.store.ClientSegmentRepository;
import org.bankcrm.client.store.HeldProductRepository;
import org.bankcrm.client.store.SegmentRepository;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Keeps segment membership live: for one client on each change, for a batch of clients in a recomputation. */
@ApplicationScoped
public class SegmentAssignment {
    static final String LATEST_BALANCES = """
            select f.clientId, f.averageBalance from MonthlyFinancials f
            where f.clientId in ?1 and f.month = (select max(g.month) from MonthlyFinancials g where g.clientId = f.clientId)
            """;

    private final SegmentRepository segments;
    private final ClientSegmentRepository memberships;
    private final HeldProductRepository products;
    private final Outbox outbox;
    private final ClientRows rows;
    private final Clock clock = Clock.systemUTC();

    public SegmentAssignment(SegmentRepository segments, ClientSegmentRepository memberships, HeldProductRepository products,
            Outbox outbox, ClientRows rows) {
        this.segments = segments;
        this.memberships = memberships;
        this.products = products;
        this.outbox = outbox;
        this.rows = rows;
    }

    /**
     * On {@code connection}, inside the caller's transaction: re-evaluates every segment for each of {@code clients}
     * (as {@link ClientRows#among} reads them) with a handful of multi-row statements, the bulk paths' way; stores
     * each change and appends its {@code crm.client.segment-changed} to the outbox. Answers the changes by client.
     */
    public Uni<Map<UUID, SegmentMembership.Change>> recomputeAll(SqlConnection connection, List<Client> clients) {
        if (clients.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = clients.stream().map(c -> c.id).toList();
        return rows.segments(connection).chain(all -> rows.openProducts(connection, ids)
                .chain(open -> rows.latestBalances(connection, ids)
                        .chain(balances -> rows.memberships(connection, ids).chain(before -> {
                            List<SegmentMembership.Rule> rules = rules(all);
                            LocalDate today = LocalDate.now(clock);
                            Instant now = clock.instant();
                            Map<UUID, SegmentMembership.Change> changes = new HashMap<>();
                            List<UUID> leaving = new ArrayList<>();
                            List<String> left = new ArrayList<>();
                            List<UUID> joining = new ArrayList<>();
                            List<String> joined = new ArrayList<>();
                            List<OutgoingEvent> events = new ArrayList<>();
                            for (Client client : clients) {
                                Set<ProductType> held = EnumSet.noneOf(ProductType.class);
                                held.addAll(open.getOrDefault(client.id, List.of()));
                                SegmentMembership.Change change = SegmentMembership.change(before.getOrDefault(client.id, Set.of()),
                                        facts(client, held, balances.get(client.id), today), rules);
                                if (change.isEmpty()) {
                                    continue;
                                }
                                changes.put(client.id, change);
                                change.left().forEach(code -> {
                                    leaving.add(client.id);
                                    left.add(code);
                                });
                                change.joined().forEach(code -> {
                                    joining.add(client.id);
                                    joined.add(code);
                                });
                                events.add(ClientEvents.segmentChanged(client.id, change, now));
                            }
                            return rows.leaveSegments(connection, leaving, left)
                                    .chain(() -> rows.insertMemberships(connection, joining, joined, now))
                                    .chain(() -> outbox.appendAll(connection, events))
                                    .replaceWith(changes);
                        }))));
    }

    /** In the caller's transaction: re-evaluates every active segment for the client. */
    public Uni<SegmentMembership.Change> recomputeFor(Client client) {
        return segments.allByCode().chain(all -> recompute(List.of(client), rules(all)))
                .map(changes -> changes.getOrDefault(client.id, new SegmentMembership.Change(Set.of(), Set.of(), Set.of())));
    }

    /** In the caller's transaction: re-evaluates the given rules for the clients; publishes each change. */
    public Uni<Map<UUID, SegmentMembership.Change>> recompute(List<Client> clients, List<SegmentMembership.Rule> rules) {
        if (clients.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = clients.stream().map(c -> c.id).toList();
        return products.list("clientId in ?1 and closedAt is null", ids)
                .chain(held -> latestBalances(ids)
                        .chain(balances -> memberships.ofClients(ids).chain(current -> {
                            Map<UUID, Set<ProductType>> heldBy = new HashMap<>();
                            for (HeldProduct p : held) {
                                heldBy.computeIfAbsent(p.clientId, k -> EnumSet.noneOf(ProductType.class)).add(p.type);
                            }
                            Map<UUID, Set<String>> before = new HashMap<>();
                            for (ClientSegment m : current) {
                                before.computeIfAbsent(m.clientId, k -> new TreeSet<>()).add(m.segmentCode);
                            }
                            LocalDate today = LocalDate.now(clock);
                            Instant now = clock.instant();
                            Map<UUID, SegmentMembership.Change> changes = new HashMap<>();
                            Uni<Void> writes = Uni.createFrom().voidItem();
                            for (Client client : clients) {
                                SegmentFacts facts = facts(client, heldBy.getOrDefault(client.id, Set.of()),
                                        balances.get(client.id), today);
                                SegmentMembership.Change change = SegmentMembership.change(
                                        before.getOrDefault(client.id, Set.of()), facts, rules);
                                if (change.isEmpty()) {
                                    continue;
                                }
                                changes.put(client.id, change);
                                writes = writes
                                        .chain(() -> memberships.leave(client.id, change.left()))
                                        .chain(() -> memberships.join(client.id, change.joined(), now))
                                        .chain(() -> outbox.append(ClientEvents.segmentChanged(client.id, change, now)))
                                        .replaceWithVoid();
                            }
                            return writes.replaceWith(changes);
                        })));
    }

    @WithSession
    public Uni<List<String>> codesOf(UUID clientId) {
        return memberships.codesOf(clientId);
    }

    /** Parsed rules of the segments; an inactive segment matches no one, so its members leave it. */
    public static List<SegmentMembership.Rule> rules(List<Segment> all) {
        List<SegmentMembership.Rule> rules = new ArrayList<>();
        for (Segment s : all) {
            SegmentCondition condition = s.active ? SegmentConditions.parse(s.condition)
                    : new SegmentCondition.Any(List.of());
            rules.add(new SegmentMembership.Rule(s.code, condition));
        }
        return rules;
    }

    private Uni<Map<UUID, BigDecimal>> latestBalances(List<UUID> ids) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(LATEST_BALANCES, Object[].class)
                .setParameter(1, ids)
                .getResultList()
                .map(rows -> {
                    Map<UUID, BigDecimal> balances = new HashMap<>();
                    rows.forEach(row -> balances.put((UUID) row[0], (BigDecimal) row[1]));
                    return balances;
                }));
    }

    static SegmentFacts facts(Client client, Set<ProductType> held, BigDecimal balance, LocalDate today) {
        Integer age = client.birthDate == null ? null : Period.between(client.birthDate, today).getYears();
        return new SegmentFacts(client.type, age, client.incomeBracket, held, balance, client.preferredChannel,
                client.profile(), client.statedNeeds().codes());
    }
}
