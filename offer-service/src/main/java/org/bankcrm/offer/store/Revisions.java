package org.bankcrm.offer.store;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Fingerprints of the catalogue and of the propensity models, in one cheap round trip: the sum of their rows'
 * revisions. Every committed change raises a row's revision from a sequence, so it changes the sum, whatever the
 * order in which concurrent transactions commit (a maximum would miss a lower revision committed late).
 */
@ApplicationScoped
public class Revisions {
    static final String LATEST = """
            select (select coalesce(sum(revision), 0) from offer), (select coalesce(sum(revision), 0) from propensity_model)
            """;

    public record Fingerprint(long catalogue, long models) {
    }

    public Uni<Fingerprint> fingerprint() {
        return Panache.getSession().chain(s -> s.createNativeQuery(LATEST, Object[].class).getSingleResult())
                .map(r -> new Fingerprint(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
    }
}
