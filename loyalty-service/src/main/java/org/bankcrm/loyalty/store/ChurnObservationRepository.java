package org.bankcrm.loyalty.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ChurnObservation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ChurnObservationRepository implements PanacheRepositoryBase<ChurnObservation, Long> {

    /** The newest {@code limit} observations (the quality report's window). */
    public Uni<List<ChurnObservation>> newest(int limit) {
        return findAll(Sort.descending("id")).range(0, limit - 1).list();
    }
}
