package org.bankcrm.client.app;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.ProductType;

import io.smallrye.mutiny.Uni;

/**
 * The products a client's need-based segments expect them to hold, against which product gaps are measured.
 * Empty means none is known, and the value model falls back to its configured baseline products.
 */
@ApplicationScoped
public class ExpectedProducts {

    public Uni<Set<ProductType>> of(UUID clientId) {
        return Uni.createFrom().item(Set.of());
    }
}
