package org.bankcrm.client.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
        LocalDate today = LocalDate.now(clock);
        return registry.locked(clientId).chain(client -> products.ofClient(clientId).chain(held -> {
            oneOfAKind.blocking(type, held).ifPresent(existing -> {
                throw ProblemException.conflict("The client already holds a " + type + ", which a client may hold only once")
                        .with("existingId", existing.id);
            });
            Instant now = clock.instant();
            HeldProduct product = new HeldProduct();
            product.id = UUID.randomUUID();
            product.clientId = clientId;
            product.type = type;
            product.openedAt = openedAt == null ? today : openedAt;
            product.balance = balance;
            product.onlyOnce = oneOfAKind.onlyOnce().contains(type);
            product.createdAt = now;
            product.updatedAt = now;
            List<HeldProduct> after = new ArrayList<>(held);
            after.add(product);
            // flushed here, so that a breach of the database's backstop of the rule is the same 409
            return products.persistAndFlush(product)
                    .onFailure(e -> UniqueConstraints.breached(e, UniqueConstraints.HELD_ONCE))
                    .transform(e -> ProblemException.conflict("The client already holds a " + type
                            + ", which a client may hold only once"))
                    .call(() -> outbox.append(ClientEvents.productOpened(product, after)))
                    .call(() -> departures.productOpened(client, product.openedAt))
                    .call(() -> changes.clientChanged(client));
        }));
    }

    /** Closes a product on {@code closedAt} (today when absent); it stays in the history. */
    @WithTransaction
    public Uni<HeldProduct> close(UUID clientId, UUID productId, LocalDate closedAt) {
        LocalDate today = LocalDate.now(clock);
        LocalDate closing = closedAt == null ? today : closedAt;
        return registry.locked(clientId).chain(client -> products.ofClient(clientId).chain(held -> {
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
                    .call(() -> changes.clientChanged(client))
                    .replaceWith(product);
        }));
    }

    @WithSession
    public Uni<List<HeldProduct>> of(UUID clientId) {
        return registry.live(clientId).chain(client -> products.ofClient(clientId));
    }
}
