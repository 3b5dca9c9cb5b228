package org.bankcrm.client.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.app.ProductPortfolio.Change;
import org.bankcrm.client.app.ProductPortfolio.ChangeFailed;
import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Many clients' product openings and closings in one transaction, all or none: each checked, stored and published
 * as the single path does it (the one-of-a-kind rule, closing dates, a departure when the last product closes, a
 * return when a product opens again), a client's changes in request order, and what follows from the portfolio
 * (segments, value) recomputed once per client ({@link ProductPortfolio#applyAll}).
 */
@ApplicationScoped
public class BulkProducts {
    private final ProductPortfolio portfolio;

    public BulkProducts(ProductPortfolio portfolio) {
        this.portfolio = portfolio;
    }

    /** One row of a batch: a change of one client's portfolio. */
    public record Row(UUID clientId, Change change) {
    }

    /**
     * Applies every row; answers the product each row opened or closed, in request order. A row that breaks a rule,
     * or names a client not known, fails the whole batch with its {@code index}.
     */
    @WithTransaction
    public Uni<List<HeldProduct>> applyAll(List<Row> rows) {
        Map<UUID, List<Integer>> rowsByClient = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            rowsByClient.computeIfAbsent(rows.get(i).clientId(), id -> new ArrayList<>()).add(i);
        }
        HeldProduct[] products = new HeldProduct[rows.size()];
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var client : rowsByClient.entrySet()) {
            List<Integer> indexes = client.getValue();
            List<Change> changes = indexes.stream().map(i -> rows.get(i).change()).toList();
            chain = chain.chain(() -> portfolio.applyAll(client.getKey(), changes)
                    .onFailure(ChangeFailed.class).transform(e -> indexed(((ChangeFailed) e).problem(),
                            indexes.get(((ChangeFailed) e).position())))
                    // the client itself (not known, erased): the client's first row
                    .onFailure(e -> e instanceof ProblemException && !((ProblemException) e).extensions().containsKey("index"))
                    .transform(e -> indexed((ProblemException) e, indexes.get(0)))
                    .invoke(done -> {
                        for (int k = 0; k < done.size(); k++) {
                            products[indexes.get(k)] = done.get(k);
                        }
                    })
                    .call(BulkProducts::writeAndForget) // the products keep their ids and fields, detached
                    .replaceWithVoid());
        }
        return chain.map(ignored -> List.of(products));
    }

    private static ProblemException indexed(ProblemException e, int index) {
        return e.with("index", index);
    }

    /**
     * Between two clients of a Hibernate batch: writes what the session holds and lets go of
     * it. Every query flushes the session first, checking each entity it manages for changes; a batch of many clients
     * would otherwise check all the clients done before at every query of the next one - work growing with the square
     * of the batch. The transaction, and the clients' locks, go on.
     */
    static Uni<Void> writeAndForget() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }
}
