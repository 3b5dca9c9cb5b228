package org.bankcrm.client.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.MonthlyFinancials;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Many months of financials in one transaction, all or none: each month recorded as the single path records it (same
 * checks, same event through the outbox), a client's months in request order, and what follows from them (segments,
 * value) recomputed once per client, not once per month ({@link FinancialsLedger#recordMonths}).
 */
@ApplicationScoped
public class BulkFinancials {
    private final FinancialsLedger ledger;

    public BulkFinancials(FinancialsLedger ledger) {
        this.ledger = ledger;
    }

    public record Month(UUID clientId, MonthlyFinancials figures) {
    }

    /**
     * Records every month; answers how many replaced earlier figures. An unknown client or a future month fails the
     * whole batch, with the index of the (first) row concerned.
     */
    @WithTransaction
    public Uni<Integer> recordAll(List<Month> months) {
        Map<UUID, List<Integer>> rowsByClient = new LinkedHashMap<>();
        for (int i = 0; i < months.size(); i++) {
            try {
                ledger.checkMonth(months.get(i).figures());
            } catch (ProblemException e) {
                return Uni.createFrom().failure(indexed(e, i));
            }
            rowsByClient.computeIfAbsent(months.get(i).clientId(), id -> new ArrayList<>()).add(i);
        }
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (var client : rowsByClient.entrySet()) {
            List<MonthlyFinancials> figures = client.getValue().stream().map(i -> months.get(i).figures()).toList();
            int first = client.getValue().get(0);
            chain = chain.chain(replaced -> ledger.recordMonths(client.getKey(), figures)
                    .onFailure(ProblemException.class).transform(e -> indexed((ProblemException) e, first))
                    .map(recorded -> replaced + (int) recorded.stream().filter(FinancialsLedger.Recorded::replaced).count())
                    .call(BulkFinancials::writeAndForget));
        }
        return chain;
    }

    /**
     * Between two clients of a batch: writes what the session holds and lets go of it. Every query flushes the
     * session first, checking each entity it manages for changes; a batch of many clients would otherwise check all
     * the clients done before at every query of the next one - work growing with the square of the batch. The
     * transaction, and the clients' locks, go on.
     */
    static Uni<Void> writeAndForget() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    private static ProblemException indexed(ProblemException e, int index) {
        return e.with("index", index);
    }
}
