package org.bankcrm.client.app;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Records the months of one client in order, then recomputes what follows from them (segments, value) once:
     * the bulk path, where a client's year of financials is one change, not twelve. Answers what was recorded, in
     * order; the first month that fails its checks fails them all.
     */
    @WithTransaction
    public Uni<List<Recorded>> recordMonths(UUID clientId, List<MonthlyFinancials> months) {
        months.forEach(this::checkMonth);
        return registry.locked(clientId).chain(client -> financials.ofClient(clientId).chain(held -> {
            Map<LocalDate, MonthlyFinancials> byMonth = new HashMap<>();
            held.forEach(f -> byMonth.put(f.month, f));
            List<Recorded> recorded = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (MonthlyFinancials figures : months) {
                chain = chain.chain(() -> store(client, figures, byMonth.get(figures.month)))
                        .invoke(r -> {
                            recorded.add(r);
                            byMonth.put(r.financials().month, r.financials());
                        })
                        .replaceWithVoid();
            }
            // the client's months' events in one statement, in order, before the change they make to its value
            return chain.chain(() -> outbox.appendAll(recorded.stream().map(FinancialsLedger::event).toList()))
                    .chain(() -> changes.clientChanged(client))
                    .map(ignored -> List.copyOf(recorded));
        }));
    }

    /** A month of financials is recorded once it has begun, never ahead. */
    void checkMonth(MonthlyFinancials figures) {
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
