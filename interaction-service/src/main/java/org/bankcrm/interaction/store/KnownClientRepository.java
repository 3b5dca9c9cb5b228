package org.bankcrm.interaction.store;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.KnownClient;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class KnownClientRepository implements PanacheRepositoryBase<KnownClient, UUID> {
}
