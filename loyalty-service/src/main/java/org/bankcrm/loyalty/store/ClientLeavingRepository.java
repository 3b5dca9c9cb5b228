package org.bankcrm.loyalty.store;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ClientLeaving;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ClientLeavingRepository implements PanacheRepositoryBase<ClientLeaving, UUID> {
}
