package org.bankcrm.client.store;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.MonthlyFinancials;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MonthlyFinancialsRepository implements PanacheRepositoryBase<MonthlyFinancials, MonthlyFinancials.Key> {

    public Uni<List<MonthlyFinancials>> ofClient(UUID clientId) {
        return list("clientId = ?1 order by month", clientId);
    }

    /** The client's months from {@code from} on. */
    public Uni<List<MonthlyFinancials>> ofClientSince(UUID clientId, LocalDate from) {
        return list("clientId = ?1 and month >= ?2 order by month", clientId, from);
    }
}
