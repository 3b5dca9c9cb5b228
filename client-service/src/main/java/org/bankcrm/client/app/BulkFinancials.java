package org.bankcrm.client.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.MonthlyFinancials;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.ClientRows;
import org.bankcrm.client.store.FinancialsRows;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.store.ClientLocks;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Many months of financials in one transaction, all or none, with the rules and events of the single path
 * ({@link FinancialsLedger#record}): each month its {@code crm.client.financials-recorded}, a client's months in
 * request order, and what follows from them (segments, value) recomputed once per client, not once per month.
 *
 * <p>Written with plain multi-row statements of the reactive PostgreSQL client, as {@link BulkRegistration} is: the
 * clients' locks, the clients, the months they hold already, one upsert of every month, the events, then segments
 * and value for all the clients at once - about a dozen statements a request, whatever its size.
 */
@ApplicationScoped
public class BulkFinancials {
    private final Pool pool;
    private final ClientLocks locks;
    private final ClientRows clients;
    private final FinancialsRows financials;
    private final SegmentAssignment segments;
    private final ClientValuation valuation;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public BulkFinancials(Pool pool, ClientLocks locks, ClientRows clients, FinancialsRows financials,
            SegmentAssignment segments, ClientValuation valuation, Outbox outbox) {
        this.pool = pool;
        this.locks = locks;
        this.clients = clients;
        this.financials = financials;
        this.segments = segments;
        this.valuation = valuation;
        this.outbox = outbox;
    }

    public record Month(UUID clientId, MonthlyFinancials figures) {
    }

    /**
     * Records every month; answers how many replaced earlier figures (a month given twice in the request: the second
     * replaces the first, as two single calls would). An unknown client (404), an erased one (410) or a future month
     * (400) fails the whole batch, with the index of the first row concerned.
     */
    public Uni<Integer> recordAll(List<Month> months) {
        YearMonth thisMonth = YearMonth.now(clock);
        Map<UUID, Integer> firstRow = new LinkedHashMap<>();
        Set<LocalDate> monthsGiven = new HashSet<>();
        for (int i = 0; i < months.size(); i++) {
            MonthlyFinancials figures = months.get(i).figures();
            if (figures.yearMonth().isAfter(thisMonth)) {
                return Uni.createFrom().failure(ProblemException.invalidField("month", "must not be a future month").with("index", i));
            }
            firstRow.putIfAbsent(months.get(i).clientId(), i);
            monthsGiven.add(figures.month);
        }
        return pool.withTransaction(connection -> locks.lockAll(connection, firstRow.keySet())
                .chain(() -> clients.among(connection, firstRow.keySet()))
                .chain(found -> {
                    List<Client> changed = live(firstRow, found);
                    return financials.held(connection, firstRow.keySet(), monthsGiven).chain(held -> {
                        Instant now = clock.instant();
                        Map<MonthlyFinancials.Key, MonthlyFinancials> stored = new LinkedHashMap<>();
                        List<OutgoingEvent> events = new ArrayList<>(months.size());
                        int replaced = 0;
                        // each client's months in request order (its events' order), clients in order of first appearance
                        for (Month month : inClientOrder(months, firstRow.keySet())) {
                            MonthlyFinancials figures = month.figures();
                            figures.clientId = month.clientId();
                            figures.recordedAt = now;
                            MonthlyFinancials.Key key = new MonthlyFinancials.Key(figures.clientId, figures.month);
                            boolean replacing = held.contains(key) || stored.containsKey(key);
                            replaced += replacing ? 1 : 0;
                            stored.remove(key); // the last figures of a month stored, in the place of their event
                            stored.put(key, figures);
                            events.add(ClientEvents.financialsRecorded(figures, replacing));
                        }
                        int replacedCount = replaced;
                        // the months' events before the change they make to the clients' segments and value
                        return financials.upsert(connection, List.copyOf(stored.values()), now)
                                .chain(() -> outbox.appendAll(connection, events))
                                .chain(() -> segments.recomputeAll(connection, changed))
                                .chain(() -> valuation.recomputeAll(connection, changed))
                                .replaceWith(replacedCount);
                    });
                }));
    }

    /** The clients, in order of first appearance; 404 for an unknown one, 410 for an erased one, naming the row. */
    private static List<Client> live(Map<UUID, Integer> firstRow, Map<UUID, Client> found) {
        List<Client> live = new ArrayList<>(firstRow.size());
        for (var entry : firstRow.entrySet()) {
            try {
                live.add(ClientRegistry.live(entry.getKey(), found.get(entry.getKey())));
            } catch (ProblemException e) {
                throw e.with("index", entry.getValue());
            }
        }
        return live;
    }

    private static List<Month> inClientOrder(List<Month> months, Set<UUID> clientOrder) {
        Map<UUID, List<Month>> byClient = new LinkedHashMap<>();
        clientOrder.forEach(id -> byClient.put(id, new ArrayList<>()));
        months.forEach(m -> byClient.get(m.clientId()).add(m));
        List<Month> ordered = new ArrayList<>(months.size());
        byClient.values().forEach(ordered::addAll);
        return ordered;
    }
}
