package org.bankcrm.client.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.client.domain.OneOfAKindProducts;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.HeldProductRepository;
import org.bankcrm.client.store.UniqueConstraints;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Opening, closing and listing the products a client holds; history is kept. */
@ApplicationScoped
public class ProductPortfolio {
    private final ClientRegistry registry;
    private final HeldProductRepository products;
    private final ClientChanges changes;
    private final Outbox outbox;
    private final OneOfAKindProducts oneOfAKind;
    private final ClientDepartures departures;
    private final Clock clock = Clock.systemUTC();

    public ProductPortfolio(ClientRegistry registry, HeldProductRepository products, ClientChanges changes, Outbox outbox,
            ClientConfig config, ClientDepartures departures) {
        this.registry = registry;
        this.departures = departures;
        this.products = products;
        this.changes = changes;
        this.outbox = outbox;
        this.oneOfAKind = config.oneOfAKindProducts();
    }

    /** Opens a product; a second one of a kind the client may hold only once is a 409 naming the one held. */
    @WithTransaction
    public Uni<HeldProduct> open(UUID clientId, ProductType type, LocalDate openedAt, BigDecimal balance) {
        return registry.locked(clientId).chain(client -> products.ofClient(clientId)
                .chain(held -> open(client, new ArrayList<>(held), type, openedAt, balance))
                .call(() -> changes.clientChanged(client)));
    }

    /** Closes a product on {@code closedAt} (today when absent); it stays in the history. */
    @WithTransaction
    public Uni<HeldProduct> close(UUID clientId, UUID productId, LocalDate closedAt) {
        return registry.locked(clientId).chain(client -> products.ofClient(clientId)
                .chain(held -> close(client, held, productId, closedAt))
                .call(() -> changes.clientChanged(client)));
    }

    /** A change of one client's portfolio in a batch: a product opened or closed. */
    public sealed interface Change {
    }

    /** A product to open, as {@link #open(UUID, ProductType, LocalDate, BigDecimal)} takes it. */
    public record Opening(ProductType type, LocalDate openedAt, BigDecimal balance) implements Change {
    }

    /** A product to close, as {@link #close(UUID, UUID, LocalDate)} takes it. */
    public record Closing(UUID productId, LocalDate closedAt) implements Change {
    }

    /**
     * The bulk path: a client's changes in order, in the caller's transaction and under the client's lock, each
     * checked and published as the single path does it, then what follows from the portfolio (segments, value)
     * recomputed once, not once per product. Answers the products opened or closed, in order; a change that breaks a
     * rule fails with its position among {@code changes} ({@link ChangeFailed}).
     */
    public Uni<List<HeldProduct>> applyAll(UUID clientId, List<Change> changes) {
        return registry.locked(clientId).chain(client -> products.ofClient(clientId).chain(loaded -> {
            List<HeldProduct> held = new ArrayList<>(loaded);
            List<HeldProduct> done = new ArrayList<>(changes.size());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < changes.size(); i++) {
                int position = i;
                Change change = changes.get(i);
                chain = chain.chain(() -> Uni.createFrom().deferred(() -> change instanceof Opening o
                                ? open(client, held, o.type(), o.openedAt(), o.balance())
                                : close(client, held, ((Closing) change).productId(), ((Closing) change).closedAt()))
                        .onFailure(ProblemException.class).transform(e -> new ChangeFailed(position, (ProblemException) e))
                        .invoke(done::add).replaceWithVoid());
            }
            return chain.chain(() -> this.changes.clientChanged(client)).map(ignored -> List.copyOf(done));
        }));
    }

    /** A change of a batch broke a rule: {@code position} is its place among the client's changes. */
    public static final class ChangeFailed extends RuntimeException {
        private final int position;
        private final ProblemException problem;

        ChangeFailed(int position, ProblemException problem) {
            super(problem.getMessage(), problem, false, false);
            this.position = position;
            this.problem = problem;
        }

        public int position() {
            return position;
        }

        public ProblemException problem() {
            return problem;
        }
    }

    /** Opens a product of the locked client whose products are {@code held} (the new one is added to it). */
    private Uni<HeldProduct> open(Client client, List<HeldProduct> held, ProductType type, LocalDate openedAt,
            BigDecimal balance) {
        LocalDate today = LocalDate.now(clock);
        oneOfAKind.blocking(type, held).ifPresent(existing -> {
            throw ProblemException.conflict("The client already holds a " + type + ", which a client may hold only once")
                    .with("existingId", existing.id);
        });
        Instant now = clock.instant();
        HeldProduct product = new HeldProduct();
        product.id = UUID.randomUUID();
        product.clientId = client.id;
        product.type = type;
        product.openedAt = openedAt == null ? today : openedAt;
        product.balance = balance;
        product.onlyOnce = oneOfAKind.onlyOnce().contains(type);
        product.createdAt = now;
        product.updatedAt = now;
        held.add(product);
        List<HeldProduct> after = List.copyOf(held);
        // flushed here, so that a breach of the database's backstop of the rule is the same 409
        return products.persistAndFlush(product)
                .onFailure(e -> UniqueConstraints.breached(e, UniqueConstraints.HELD_ONCE))
                .transform(e -> ProblemException.conflict("The client already holds a " + type
                        + ", which a client may hold only once"))
                .call(() -> outbox.append(ClientEvents.productOpened(product, after)))
                .call(() -> departures.productOpened(client, product.openedAt));
    }

    /** Closes one of {@code held}, the products of the locked client. */
    private Uni<HeldProduct> close(Client client, List<HeldProduct> held, UUID productId, LocalDate closedAt) {
        LocalDate today = LocalDate.now(clock);
        LocalDate closing = closedAt == null ? today : closedAt;
        HeldProduct product = held.stream().filter(p -> p.id.equals(productId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("product of this client", productId));
        if (!product.isOpen()) {
            throw ProblemException.conflict("The product was closed on " + product.closedAt).with("closedAt",
                    product.closedAt.toString());
        }
        product.closingProblem(closing, today).ifPresent(problem -> {
            throw ProblemException.invalidField("closedAt", problem);
        });
        product.close(closing, clock.instant());
        boolean lastOne = held.stream().noneMatch(HeldProduct::isOpen);
        return outbox.append(ClientEvents.productClosed(product, held))
                .call(() -> lastOne ? departures.lastProductClosed(client, closing) : Uni.createFrom().voidItem())
                .replaceWith(product);
    }

    @WithSession
    public Uni<List<HeldProduct>> of(UUID clientId) {
        return registry.live(clientId).chain(client -> products.ofClient(clientId));
    }
}
