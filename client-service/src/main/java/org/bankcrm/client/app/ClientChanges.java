package org.bankcrm.client.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;

import io.smallrye.mutiny.Uni;

/** What follows any change of a client, inside the same transaction: its value is recomputed. */
@ApplicationScoped
public class ClientChanges {
    private final ClientValuation valuation;

    public ClientChanges(ClientValuation valuation) {
        this.valuation = valuation;
    }

    public Uni<Void> clientRegistered(Client client) {
        return valuation.recomputeNew(client).replaceWithVoid();
    }

    public Uni<Void> clientChanged(Client client) {
        return valuation.recompute(client).replaceWithVoid();
    }
}
