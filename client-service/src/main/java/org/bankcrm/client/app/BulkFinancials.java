package org.bankcrm.client.app;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.MonthlyFinancials;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Many months of financials in one transaction, all or none: each recorded by {@link FinancialsLedger#record}, the
 * single path (same checks, same event through the outbox), in request order.
 */
@ApplicationScoped
public class BulkFinancials {
    private final FinancialsLedger ledger;

    public BulkFinancials(FinancialsLedger ledger) {
        this.ledger = ledger;
    }

    public record Month(UUID clientId, MonthlyFinancials figures) {
    }

    /** Records every month; answers how many replaced earlier figures. An unknown client fails the whole batch. */
    @WithTransaction
    public Uni<Integer> recordAll(List<Month> months) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (int i = 0; i < months.size(); i++) {
            Month m = months.get(i);
            int index = i;
            chain = chain.chain(replaced -> ledger.record(m.clientId(), m.figures())
                    .onFailure(ProblemException.class).transform(e -> indexed((ProblemException) e, index))
                    .map(recorded -> replaced + (recorded.replaced() ? 1 : 0)));
        }
        return chain;
    }

    private static ProblemException indexed(ProblemException e, int index) {
        return e.with("index", index);
    }
}
