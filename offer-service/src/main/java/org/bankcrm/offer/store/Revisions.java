package org.bankcrm.offer.store;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Fingerprints of the catalogue and of the propensity models, in two cheap queries: the sum of their rows'
 * revisions. Every committed change raises a row's revision from a sequence, so it changes the sum, whatever the
 * order in which concurrent transactions commit (a maximum would miss a lower revision committed late).
 */
@ApplicationScoped
public class Revisions {
    /*
     * Two HQL queries, not one native select of both sums: Hibernate Reactive 3.2 caches a plan per execution of a
     * native select (its key never equals itself), and this runs every refresh interval, so the leaked plans grew with
     * time and evicted useful ones (QueryPlanReuseTest failed when a slow machine stretched its rounds).
     */
    static final String CATALOGUE = "select coalesce(sum(o.revision), 0L) from Offer o";
    static final String MODELS = "select coalesce(sum(p.revision), 0L) from PropensityState p";

    public record Fingerprint(long catalogue, long models) {
    }

    public Uni<Fingerprint> fingerprint() {
        return Panache.getSession().chain(s -> s.createSelectionQuery(CATALOGUE, Long.class).getSingleResult()
                .chain(catalogue -> s.createSelectionQuery(MODELS, Long.class).getSingleResult()
                        .map(models -> new Fingerprint(catalogue, models))));
    }
}
