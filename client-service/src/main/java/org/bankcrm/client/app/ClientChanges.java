package org.bankcrm.client.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;

import io.smallrye.mutiny.Uni;

/**
 * What follows any change of a client, inside the same transaction: segment membership first (the value's
 * product gaps are measured against the segments), then the value.
 */
@ApplicationScoped
public class ClientChanges {
    private final SegmentAssignment segments;
    private final ClientValuation valuation;

    public ClientChanges(SegmentAssignment segments, ClientValuation valuation) {
        this.segments = segments;
        this.valuation = valuation;
    }

    public Uni<Void> clientRegistered(Client client) {
        return segments.recomputeFor(client).chain(() -> valuation.recompute(client)).replaceWithVoid();
    }

    public Uni<Void> clientChanged(Client client) {
        return segments.recomputeFor(client).chain(() -> valuation.recompute(client)).replaceWithVoid();
    }
}
