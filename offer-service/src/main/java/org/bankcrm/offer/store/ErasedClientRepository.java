package org.bankcrm.offer.store;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.ErasedClient;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ErasedClientRepository implements PanacheRepositoryBase<ErasedClient, UUID> {
}
