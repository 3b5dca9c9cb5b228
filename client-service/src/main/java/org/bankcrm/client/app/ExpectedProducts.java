package org.bankcrm.client.app;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.store.SegmentRepository;

import io.smallrye.mutiny.Uni;

/**
 * The products a client's need-based segments expect them to hold, against which product gaps are measured.
 * Empty means none is known, and the value model falls back to its configured baseline products.
 */
@ApplicationScoped
public class ExpectedProducts {
    private final SegmentRepository segments;

    public ExpectedProducts(SegmentRepository segments) {
        this.segments = segments;
    }

    public Uni<Set<ProductType>> of(UUID clientId) {
        return segments.list("""
                active = true and code in (select m.segmentCode from ClientSegment m where m.clientId = ?1)""", clientId)
                .map(found -> {
                    Set<ProductType> expected = EnumSet.noneOf(ProductType.class);
                    found.forEach(s -> expected.addAll(s.expectedProductTypes()));
                    return expected;
                });
    }
}
