package org.bankcrm.offer.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.ChannelFeatures;
import org.bankcrm.offer.domain.ClientFeatures;
import org.bankcrm.offer.domain.Offer;
import org.bankcrm.offer.domain.OfferTerms;
import org.bankcrm.offer.domain.PropensityModel;
import org.bankcrm.offer.domain.PropensityState;
import org.bankcrm.offer.store.OfferRepository;
import org.bankcrm.offer.store.PropensityStateRepository;
import org.bankcrm.offer.store.Revisions;

import io.smallrye.mutiny.Uni;

/**
 * What every decision needs and rarely changes, kept in memory: the active catalogue with its eligibility conditions
 * already parsed and each offer's cold-start prior, and every offer's learnt propensity model (posterior parsed).
 * A decision then reads nothing of it from the database.
 *
 * <p>Kept in step three ways. (1) This replica's own changes: a catalogue change forces a check on the next decision
 * after its commit; an answer's updated model replaces the cached one after its commit. (2) Other replicas'
 * changes: at most every {@code crm.offer.cache.refresh-interval} one decision compares the fingerprints of catalogue
 * and models in the database (one small query, see {@link Revisions}) and reloads what differs — so another
 * replica's change shows here within that interval. (3) A restart (or {@link #drop()}) loads everything again from the
 * database, where the models' posteriors are kept.
 */
@ApplicationScoped
public class DecisionCache {
    /** A catalogue offer ready for the pipeline: its terms (condition parsed) and its prior model. */
    public record CachedOffer(OfferTerms terms, PropensityModel prior) {
    }

    /** A learnt model and the revision it was stored with. */
    public record CachedModel(PropensityModel model, long revision) {
    }

    /** What a decision uses: the catalogue version, the active offers, the learnt models (by offer). */
    public record View(long catalogueVersion, List<CachedOffer> offers, Map<UUID, CachedModel> models) {
        /** The offer's learnt model, or its prior when no answer was learnt yet. */
        public PropensityModel model(CachedOffer offer) {
            CachedModel learnt = models.get(offer.terms().id());
            return learnt != null ? learnt.model() : offer.prior();
        }
    }

    private record Loaded(long catalogueVersion, List<CachedOffer> offers, long catalogueFingerprint, long modelsFingerprint,
            long generation, long checkedAt) {
    }

    private final OfferRepository offers;
    private final PropensityStateRepository states;
    private final Revisions revisions;
    private final OfferConfig config;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();
    /** Raised after each local catalogue commit: the next decision checks the database before it decides. */
    private final AtomicLong generation = new AtomicLong();
    private final Map<UUID, CachedModel> models = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final ChannelFeatures channelFeatures;
    private final List<String> featureNames;

    public DecisionCache(OfferRepository offers, PropensityStateRepository states, Revisions revisions, OfferConfig config) {
        this.offers = offers;
        this.states = states;
        this.revisions = revisions;
        this.config = config;
        Map<String, ChannelFeatures.Range> allowed = new HashMap<>();
        config.contextFeatures().forEach((name, range) -> allowed.put(name, new ChannelFeatures.Range(range.min(), range.max())));
        this.channelFeatures = new ChannelFeatures(allowed, config.model().contextBands());
        this.featureNames = ClientFeatures.names(channelFeatures);
    }

    /** The state for a decision; runs in the caller's session and usually touches no database at all. */
    public Uni<View> current() {
        Loaded l = loaded.get();
        long gen = generation.get();
        if (l != null && l.generation() == gen) {
            boolean fresh = System.nanoTime() - l.checkedAt() < config.cache().refreshInterval().toNanos();
            // one decision checks when the interval is over; the others meanwhile use what is cached
            if (fresh || !refreshing.compareAndSet(false, true)) {
                return Uni.createFrom().item(view(l));
            }
            return refresh(l, gen).eventually(() -> refreshing.set(false));
        }
        return refresh(l, gen);
    }

    private Uni<View> refresh(Loaded previous, long gen) {
        long started = System.nanoTime();
        return revisions.fingerprint().chain(fingerprint -> {
            boolean sameCatalogue = previous != null && previous.catalogueFingerprint() == fingerprint.catalogue();
            boolean sameModels = previous != null && previous.modelsFingerprint() == fingerprint.models();
            Uni<Loaded> catalogue = sameCatalogue
                    ? Uni.createFrom().item(previous)
                    : offers.listAll().map(all -> catalogue(all, fingerprint.catalogue()));
            Uni<Void> learnt = sameModels ? Uni.createFrom().voidItem()
                    : states.listAll().invoke(list -> list.forEach(this::merge)).replaceWithVoid();
            return catalogue.call(() -> learnt).map(c -> {
                Loaded next = new Loaded(c.catalogueVersion(), c.offers(), fingerprint.catalogue(), fingerprint.models(), gen,
                        started);
                loaded.set(next);
                return view(next);
            });
        });
    }

    private Loaded catalogue(List<Offer> all, long fingerprint) {
        List<CachedOffer> active = new ArrayList<>();
        long version = 0;
        for (Offer offer : all.stream().sorted(java.util.Comparator.comparing((Offer o) -> o.code)).toList()) {
            version = Math.max(version, offer.revision);
            if (offer.active) {
                active.add(new CachedOffer(offer.terms(OfferConditions.parse(offer.conditionJson)), prior(offer)));
            }
        }
        return new Loaded(version, List.copyOf(active), fingerprint, 0, 0, 0);
    }

    private void merge(PropensityState state) {
        if (state.loadable(featureNames)) {
            learnt(state.offerId, state.model(featureNames, config.model().weightPrecision()), state.revision);
        }
    }

    private View view(Loaded l) {
        return new View(l.catalogueVersion(), l.offers(), models);
    }

    /** The context features a channel may tell (configuration), checked and scaled. */
    public ChannelFeatures channelFeatures() {
        return channelFeatures;
    }

    /** The names of the propensity models' weights, in order: the client's features, then the allowed context features. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** A loadable stored posterior over today's features. */
    public PropensityModel stored(PropensityState state) {
        return state.model(featureNames, config.model().weightPrecision());
    }

    PropensityModel prior(Offer offer) {
        return PropensityModel.fromPrior(featureNames.size(), offer.priorAccepted, offer.priorDeclined,
                config.model().weightPrecision());
    }

    /** After a local catalogue change committed: the next decision reloads. */
    public void catalogueChanged() {
        generation.incrementAndGet();
    }

    /** After an answer's model update committed: decisions on this replica use it at once. */
    public void learnt(UUID offerId, PropensityModel model, long revision) {
        CachedModel update = new CachedModel(model, revision);
        models.merge(offerId, update, (old, nu) -> nu.revision() >= old.revision() ? nu : old);
    }

    /** The learnt model cached for an offer (a copy), if any: what the decisions of this replica sample from. */
    public Optional<CachedModel> cachedModel(UUID offerId) {
        CachedModel cached = models.get(offerId);
        return cached == null ? Optional.empty()
                : Optional.of(new CachedModel(new PropensityModel(cached.model().mean(), cached.model().precision(),
                        cached.model().observations()), cached.revision()));
    }

    /** Forgets everything, as a restart does: the next decision loads catalogue and models from the database. */
    public void drop() {
        loaded.set(null);
        models.clear();
    }
}
