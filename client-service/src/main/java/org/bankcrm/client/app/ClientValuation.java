package org.bankcrm.client.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientValue;
import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.client.domain.MonthFigures;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.ValueFacts;
import org.bankcrm.client.domain.ValuePolicy;
import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.domain.ValueStrategy;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.ClientRows;
import org.bankcrm.client.store.HeldProductRepository;
import org.bankcrm.client.store.MonthlyFinancialsRepository;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Computes a client's value from what is stored, keeps it on the client and says when it changed. */
@ApplicationScoped
public class ClientValuation {
    private final HeldProductRepository products;
    private final MonthlyFinancialsRepository financials;
    private final ClientRegistry registry;
    private final ExpectedProducts expected;
    private final Outbox outbox;
    private final ClientRows rows;
    private final ValuePolicy policy;
    private final int trailingMonths;
    private final Clock clock = Clock.systemUTC();

    public ClientValuation(HeldProductRepository products, MonthlyFinancialsRepository financials, ClientRegistry registry,
            ExpectedProducts expected, Outbox outbox, ClientRows rows, ClientConfig config) {
        this.rows = rows;
        this.products = products;
        this.financials = financials;
        this.registry = registry;
        this.expected = expected;
        this.outbox = outbox;
        this.policy = new ValuePolicy(config.valueRules());
        this.trailingMonths = config.valueRules().trailingMonths();
    }

    /** The value as of now, with its reasons; 404/410 as for the client. */
    @WithSession
    public Uni<ClientValue> valueOf(UUID clientId) {
        return registry.live(clientId).chain(this::assess);
    }

    /**
     * Inside the caller's transaction: recomputes the value, stores it on the client and emits
     * {@code crm.client.value-changed} when a consumer would see a difference.
     */
    public Uni<ClientValue> recompute(Client client) {
        return assess(client).call(value -> {
            boolean changed = value.differsFrom(client.profitability,
                    client.potential == null ? null : client.potential.doubleValue(), client.valueQuadrant, client.strategy);
            if (!changed) {
                return Uni.createFrom().voidItem();
            }
            ValueQuadrant previousQuadrant = client.valueQuadrant;
            ValueStrategy previousStrategy = client.strategy;
            client.profitability = value.profitability();
            client.potential = java.math.BigDecimal.valueOf(value.potential());
            client.valueQuadrant = value.quadrant();
            client.strategy = value.strategy();
            client.valueComputedAt = clock.instant();
            return outbox.append(ClientEvents.valueChanged(client, value, previousQuadrant, previousStrategy));
        });
    }

    /**
     * For a client just registered in bulk: nothing held and no figures yet, so the value needs no query;
     * {@code expected} are the products the client's new segments expect. Sets the value on the client
     * and returns the {@code crm.client.value-changed} event of its first value.
     */
    public OutgoingEvent valueAtRegistration(Client client, Set<ProductType> expected, Instant at) {
        ClientValue value = policy.assess(facts(client, List.of(), List.of(), expected));
        client.profitability = value.profitability();
        client.potential = java.math.BigDecimal.valueOf(value.potential());
        client.valueQuadrant = value.quadrant();
        client.strategy = value.strategy();
        client.valueComputedAt = at;
        return ClientEvents.valueChanged(client, value, null, null);
    }

    /**
     * Recomputes the value of many clients on {@code connection}, inside the caller's transaction, with a
     * handful of multi-row statements: stores it where a consumer would see a difference and appends one
     * {@code crm.client.value-changed} per such client to the outbox. {@code clients} carry their stored
     * value (see {@link ClientRows#liveAfter}). Returns how many changed.
     */
    public Uni<Integer> recomputeAll(SqlConnection connection, List<Client> clients) {
        if (clients.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate from = YearMonth.from(today).minusMonths(trailingMonths - 1L).atDay(1);
        List<UUID> ids = clients.stream().map(c -> c.id).toList();
        return rows.openProducts(connection, ids).chain(open -> rows.monthsSince(connection, ids, from)
                .chain(months -> rows.expectedProducts(connection, ids).chain(expectedBy -> {
                    Instant now = clock.instant();
                    List<Client> changed = new ArrayList<>();
                    List<OutgoingEvent> events = new ArrayList<>();
                    for (Client client : clients) {
                        ValueFacts facts = facts(client, open.getOrDefault(client.id, List.of()),
                                months.getOrDefault(client.id, List.of()), expectedBy.getOrDefault(client.id, Set.of()), today);
                        ClientValue value = policy.assess(facts);
                        if (!value.differsFrom(client.profitability,
                                client.potential == null ? null : client.potential.doubleValue(), client.valueQuadrant,
                                client.strategy)) {
                            continue;
                        }
                        ValueQuadrant previousQuadrant = client.valueQuadrant;
                        ValueStrategy previousStrategy = client.strategy;
                        client.profitability = value.profitability();
                        client.potential = java.math.BigDecimal.valueOf(value.potential());
                        client.valueQuadrant = value.quadrant();
                        client.strategy = value.strategy();
                        client.valueComputedAt = now;
                        changed.add(client);
                        events.add(ClientEvents.valueChanged(client, value, previousQuadrant, previousStrategy));
                    }
                    return rows.updateValues(connection, changed, now)
                            .chain(() -> outbox.appendAll(connection, events))
                            .replaceWith(changed.size());
                })));
    }

    private Uni<ClientValue> assess(Client client) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = YearMonth.from(today).minusMonths(trailingMonths - 1L).atDay(1);
        return products.ofClient(client.id).chain(held -> financials.ofClientSince(client.id, from)
                .chain(months -> expected.of(client.id).map(expectedTypes -> policy.assess(
                        facts(client, held, months.stream().map(MonthFigures::of).toList(), expectedTypes)))));
    }

    private ValueFacts facts(Client client, List<HeldProduct> held, List<MonthFigures> months, Set<ProductType> expectedTypes) {
        List<ProductType> open = held.stream().filter(HeldProduct::isOpen).map(p -> p.type).toList();
        return facts(client, open, months, expectedTypes, LocalDate.now(clock));
    }

    private static ValueFacts facts(Client client, List<ProductType> open, List<MonthFigures> months,
            Set<ProductType> expectedTypes, LocalDate today) {
        Integer age = client.birthDate == null ? null : Period.between(client.birthDate, today).getYears();
        return new ValueFacts(client.type, age, client.incomeBracket, client.customerSince, open, expectedTypes, months, today);
    }
}
