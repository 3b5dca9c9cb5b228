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
import org.bankcrm.platform.outbox.OutgoingEvent;
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
                .chain(held -> {
                    Changed opened = opening(client, new ArrayList<>(held), type, openedAt, balance);
                    // flushed here, so that a breach of the database's backstop of the rule is the same 409
                    return products.persistAndFlush(opened.product())
                            .onFailure(e -> UniqueConstraints.breached(e, UniqueConstraints.HELD_ONCE))
                            .transform(e -> heldOnce(type))
                            .call(() -> outbox.appendAll(opened.events()))
                            .replaceWith(opened.product());
                })
                .call(() -> changes.clientChanged(client)));
    }

    /** Closes a product on {@code closedAt} (today when absent); it stays in the history. */
    @WithTransaction
    public Uni<HeldProduct> close(UUID clientId, UUID productId, LocalDate closedAt) {
        return registry.locked(clientId).chain(client -> products.ofClient(clientId)
                .chain(held -> {
                    Changed closed = closing(client, new ArrayList<>(held), productId, closedAt);
                    return outbox.appendAll(closed.events()).replaceWith(closed.product());
                })
                .call(() -> changes.clientChanged(client)));
    }

    /**
     * What one change does to a locked client's portfolio, worked out in memory by {@link #opening} or {@link #closing}
     * for the single paths and the bulk one alike: the product opened or closed, and the events it emits, in order.
     */
    record Changed(HeldProduct product, List<OutgoingEvent> events) {
    }

    /**
     * Opens a product of the client whose products are {@code held} (the new one is added to it), a client who had left
     * returning with it; 409 naming the product held when the type may be held only once. Nothing is stored.
     */
    Changed opening(Client client, List<HeldProduct> held, ProductType type, LocalDate openedAt, BigDecimal balance) {
        LocalDate today = LocalDate.now(clock);
        oneOfAKind.blocking(type, held).ifPresent(existing -> {
            throw heldOnce(type).with("existingId", existing.id);
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
        List<OutgoingEvent> events = new ArrayList<>(2);
        events.add(ClientEvents.productOpened(product, held));
        departures.productOpened(client, product.openedAt).ifPresent(events::add);
        return new Changed(product, events);
    }

    /**
     * Closes one of {@code held}, the products of the client, on {@code closedAt} (today when absent), the client leaving
     * with their last open one; 404 when it is not among them, 409 when closed already, 400 naming {@code closedAt} for
     * a day it cannot close on. Nothing is stored.
     */
    Changed closing(Client client, List<HeldProduct> held, UUID productId, LocalDate closedAt) {
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
        List<OutgoingEvent> events = new ArrayList<>(2);
        events.add(ClientEvents.productClosed(product, held));
        departures.productClosed(client, held, closing).ifPresent(events::add);
        return new Changed(product, events);
    }

    /** The 409 of a second open product of a type a client may hold only once. */
    static ProblemException heldOnce(ProductType type) {
        return ProblemException.conflict("The client already holds a " + type + ", which a client may hold only once");
    }

    @WithSession
    public Uni<List<HeldProduct>> of(UUID clientId) {
        return registry.live(clientId).chain(client -> products.ofClient(clientId));
    }
}
