package org.bankcrm.loyalty.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ChurnModelState;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ChurnModelRepository implements PanacheRepositoryBase<ChurnModelState, Integer> {
}
