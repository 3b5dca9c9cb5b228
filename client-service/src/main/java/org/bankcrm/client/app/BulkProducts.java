package org.bankcrm.client.app;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.app.ProductPortfolio.Changed;
import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.ClientRows;
import org.bankcrm.client.store.ProductRows;
import org.bankcrm.client.store.UniqueConstraints;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.store.ClientLocks;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Many clients' product openings and closings in one transaction, all or none: each checked and published as the
 * single path does it ({@link ProductPortfolio#opening}, {@link ProductPortfolio#closing}: the one-of-a-kind rule,
 * closing dates, a departure when the last product closes, a return when a product opens again), a client's changes in
 * request order, and what follows from the portfolio (segments, value) recomputed once per client.
 *
 * <p>Written with plain multi-row statements of the reactive PostgreSQL client, as {@link BulkFinancials} is: the
 * clients' locks, the clients, every product they hold, then the rows worked out in memory and stored with one
 * statement per table (closings, openings, departures, the events), then segments and value for all the clients at
 * once - at most 19 statements a request (7 here, 7 for segments, 5 for value), whatever its size.
 */
@ApplicationScoped
public class BulkProducts {
    private static final Pattern HELD_ONCE_KEY = Pattern.compile("\\(client_id, type\\)=\\(([^,]+), ([A-Z_]+)\\)");

    private final Pool pool;
    private final ClientLocks locks;
    private final ClientRows clients;
    private final ProductRows products;
    private final ProductPortfolio portfolio;
    private final SegmentAssignment segments;
    private final ClientValuation valuation;
    private final Outbox outbox;

    public BulkProducts(Pool pool, ClientLocks locks, ClientRows clients, ProductRows products, ProductPortfolio portfolio,
            SegmentAssignment segments, ClientValuation valuation, Outbox outbox) {
        this.pool = pool;
        this.locks = locks;
        this.clients = clients;
        this.products = products;
        this.portfolio = portfolio;
        this.segments = segments;
        this.valuation = valuation;
        this.outbox = outbox;
    }

    /** A change of one client's portfolio in a batch: a product opened or closed. */
    public sealed interface Change {
    }

    /** A product to open, as {@link ProductPortfolio#open} takes it. */
    public record Opening(ProductType type, LocalDate openedAt, BigDecimal balance) implements Change {
    }

    /** A product to close, as {@link ProductPortfolio#close} takes it. */
    public record Closing(UUID productId, LocalDate closedAt) implements Change {
    }

    /** One row of a batch: a change of one client's portfolio. */
    public record Row(UUID clientId, Change change) {
    }

    /** What a batch does, worked out in memory before anything is written. */
    private record Outcome(List<HeldProduct> products, List<Client> clients, List<HeldProduct> opened,
            List<HeldProduct> closedBefore, Set<Client> departed, List<OutgoingEvent> events) {
    }

    /**
     * Applies every row; answers the product each row opened or closed, in request order. A row that breaks a rule,
     * or names a client not known (404) or erased (410), fails the whole batch with its {@code index} (a client's own:
     * the index of its first row); clients are taken in order of first appearance, each with its rows, so the first
     * failure in that order is the one answered.
     */
    public Uni<List<HeldProduct>> applyAll(List<Row> rows) {
        Map<UUID, List<Integer>> rowsByClient = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            rowsByClient.computeIfAbsent(rows.get(i).clientId(), id -> new ArrayList<>()).add(i);
        }
        Set<UUID> ids = rowsByClient.keySet();
        return pool.withTransaction(connection -> locks.lockAll(connection, ids)
                .chain(() -> clients.among(connection, ids))
                .chain(found -> products.held(connection, ids).chain(held -> {
                    Outcome outcome = apply(rows, rowsByClient, found, held);
                    // closings first: a product held once, closed and opened anew in one batch, must be closed before the new one is stored
                    return products.close(connection, outcome.closedBefore())
                            .chain(() -> products.insert(connection, outcome.opened()))
                            .chain(() -> clients.updateDepartures(connection, outcome.departed()))
                            // the products' events before the change they make to the clients' segments and value
                            .chain(() -> outbox.appendAll(connection, outcome.events()))
                            .chain(() -> segments.recomputeAll(connection, outcome.clients()))
                            .chain(() -> valuation.recomputeAll(connection, outcome.clients()))
                            .replaceWith(outcome.products());
                })))
                .onFailure(e -> UniqueConstraints.breached(e, UniqueConstraints.HELD_ONCE))
                .transform(e -> heldOnceMeanwhile(e, rows));
    }

    private Outcome apply(List<Row> rows, Map<UUID, List<Integer>> rowsByClient, Map<UUID, Client> found,
            Map<UUID, List<HeldProduct>> heldBy) {
        HeldProduct[] done = new HeldProduct[rows.size()];
        List<Client> live = new ArrayList<>(rowsByClient.size());
        List<HeldProduct> opened = new ArrayList<>();
        List<HeldProduct> closedBefore = new ArrayList<>();
        Set<Client> departed = new LinkedHashSet<>();
        List<OutgoingEvent> events = new ArrayList<>(rows.size() + 1);
        for (var entry : rowsByClient.entrySet()) {
            List<Integer> indexes = entry.getValue();
            Client client = indexed(indexes.get(0), () -> ClientRegistry.live(entry.getKey(), found.get(entry.getKey())));
            live.add(client);
            List<HeldProduct> held = new ArrayList<>(heldBy.getOrDefault(client.id, List.of()));
            Set<UUID> stored = new HashSet<>();
            held.forEach(p -> stored.add(p.id));
            for (int index : indexes) {
                Change change = rows.get(index).change();
                Changed changed = indexed(index, () -> change instanceof Opening o
                        ? portfolio.opening(client, held, o.type(), o.openedAt(), o.balance())
                        : portfolio.closing(client, held, ((Closing) change).productId(), ((Closing) change).closedAt()));
                done[index] = changed.product();
                if (change instanceof Closing && stored.contains(changed.product().id)) {
                    closedBefore.add(changed.product());
                }
                for (OutgoingEvent event : changed.events()) {
                    if (event.type().equals(ClientEvents.LEFT) || event.type().equals(ClientEvents.RETURNED)) {
                        departed.add(client);
                    }
                }
                events.addAll(changed.events());
            }
            // the new products as they stand at the end of the batch, opened (and perhaps closed again) in order
            held.stream().filter(p -> !stored.contains(p.id)).forEach(opened::add);
        }
        return new Outcome(List.of(done), live, opened, closedBefore, departed, events);
    }

    /** Runs {@code step}; a rule it breaks fails the batch naming row {@code index}. */
    private static <T> T indexed(int index, Supplier<T> step) {
        try {
            return step.get();
        } catch (ProblemException e) {
            throw e.with("index", index);
        }
    }

    /**
     * A writer that does not take the clients' locks opened a product of a kind held once meanwhile, and the database's
     * backstop of the rule stopped the batch: the single path's 409, naming the first opening of that kind for that client.
     */
    private static Throwable heldOnceMeanwhile(Throwable e, List<Row> rows) {
        ProblemException conflict = ProblemException.conflict("A client of the batch already holds a product it may hold only once");
        Matcher key = HELD_ONCE_KEY.matcher(e instanceof PgException pg ? String.valueOf(pg.getDetail()) : "");
        if (!key.find()) {
            return conflict;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).clientId().toString().equals(key.group(1)) && rows.get(i).change() instanceof Opening o
                    && o.type().name().equals(key.group(2))) {
                return ProductPortfolio.heldOnce(o.type()).with("index", i);
            }
        }
        return conflict;
    }
}
