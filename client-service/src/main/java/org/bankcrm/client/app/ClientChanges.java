package org.bankcrm.client.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;

import io.smallrye.mutiny.Uni;

/** What follows any change of a client inside the same transaction (value and segment recomputation). */
@ApplicationScoped
public class ClientChanges {

    public Uni<Void> clientChanged(Client client) {
        return Uni.createFrom().voidItem();
    }
}
