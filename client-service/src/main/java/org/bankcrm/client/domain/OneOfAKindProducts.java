package org.bankcrm.client.domain;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Some products a client may hold only once at a time (a premium package is the client's tariff, not a
 * product to stack); others, such as current accounts, as often as they like. Which ones is configuration.
 */
public record OneOfAKindProducts(Set<ProductType> onlyOnce) {

    /** The open product that stops the client from opening another of {@code type}, if any. */
    public Optional<HeldProduct> blocking(ProductType type, Collection<HeldProduct> held) {
        if (!onlyOnce.contains(type)) {
            return Optional.empty();
        }
        return held.stream().filter(p -> p.isOpen() && p.type == type).findFirst();
    }
}
