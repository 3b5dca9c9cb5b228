package org.bankcrm.client.app;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.MonthlyFinancials;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.MonthlyFinancialsRepository;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Monthly financials: one record per client and month; a second one for the month replaces the first. */
@ApplicationScoped
public class FinancialsLedger {
    private final ClientRegistry registry;
    private final MonthlyFinancialsRepository financials;
    private final ClientChanges changes;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public FinancialsLedger(ClientRegistry registry, MonthlyFinancialsRepository financials, ClientChanges changes,
            Outbox outbox) {
        this.registry = registry;
        this.financials = financials;
        this.changes = changes;
        this.outbox = outbox;
    }

    /** What was recorded, and whether it replaced an earlier record of the month. */
    public record Recorded(MonthlyFinancials financials, boolean replaced) {
    }

    @WithTransaction
    public Uni<Recorded> record(UUID clientId, MonthlyFinancials figures) {
        checkMonth(figures);
        return registry.locked(clientId).chain(client -> financials.findById(new MonthlyFinancials.Key(clientId, figures.month))
                .chain(existing -> store(client, figures, existing))
                .call(recorded -> outbox.append(event(recorded)))
                .call(() -> changes.clientChanged(client)));
    }

    /** A month of financials is recorded once it has begun, never ahead. */
    private void checkMonth(MonthlyFinancials figures) {
        if (figures.yearMonth().isAfter(YearMonth.now(clock))) {
            throw ProblemException.invalidField("month", "must not be a future month");
        }
    }

    /** Stores one month: a second record of the month ({@code existing}) replaces the first. */
    private Uni<Recorded> store(Client client, MonthlyFinancials figures, MonthlyFinancials existing) {
        figures.clientId = client.id;
        figures.recordedAt = clock.instant();
        if (existing == null) {
            return financials.persist(figures).map(f -> new Recorded(f, false));
        }
        existing.revenue = figures.revenue;
        existing.costToServe = figures.costToServe;
        existing.averageBalance = figures.averageBalance;
        existing.transactionCount = figures.transactionCount;
        existing.transactionAmount = figures.transactionAmount;
        existing.recordedAt = figures.recordedAt;
        return Uni.createFrom().item(new Recorded(existing, true));
    }

    private static OutgoingEvent event(Recorded recorded) {
        return ClientEvents.financialsRecorded(recorded.financials(), recorded.replaced());
    }

    @WithSession
    public Uni<List<MonthlyFinancials>> of(UUID clientId) {
        return registry.live(clientId).chain(client -> financials.ofClient(clientId));
    }
}
