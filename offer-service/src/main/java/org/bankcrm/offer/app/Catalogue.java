package org.bankcrm.offer.app;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.Offer;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.store.OfferRepository;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The offer catalogue: what may be offered, to whom, where, and what it is worth. */
@ApplicationScoped
public class Catalogue {
    private final OfferRepository offers;
    private final org.bankcrm.offer.store.PropensityStateRepository models;
    private final OfferConfig config;
    private final DecisionCache cache;

    public Catalogue(OfferRepository offers, org.bankcrm.offer.store.PropensityStateRepository models, OfferConfig config,
            DecisionCache cache) {
        this.offers = offers;
        this.models = models;
        this.config = config;
        this.cache = cache;
    }

    /** An offer's definition as a channel or the marketing team writes it; the condition is its JSON text. */
    public record Definition(String code, String name, String description, OfferCategory category, String productType,
            String condition, Set<Channel> channels, double value, LocalDate validFrom, LocalDate validTo,
            double priorAccepted, double priorDeclined, boolean active) {
    }

    @WithSession
    public Uni<List<Offer>> list(OfferCategory category) {
        return category == null ? offers.list("order by code") : offers.list("category = ?1 order by code", category);
    }

    @WithSession
    public Uni<Offer> get(UUID id) {
        return offers.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("offer", id));
    }

    public record LearntModel(org.bankcrm.offer.domain.PropensityModel model, Instant updatedAt, List<String> featureNames,
            org.bankcrm.offer.domain.ModelMonitor monitor) {
    }

    /** The offer's propensity model as learnt so far, or its prior when no answer came yet. */
    @WithSession
    public Uni<LearntModel> model(UUID offerId) {
        return get(offerId).chain(offer -> models.findById(offerId).map(state -> state != null && state.loadable(cache.featureNames())
                ? new LearntModel(cache.stored(state), state.updatedAt, cache.featureNames(),
                        state.monitor(cache.featureNames(), config.model().monitorWindow()))
                : new LearntModel(org.bankcrm.offer.domain.PropensityModel.fromPrior(
                        cache.featureNames().size(), offer.priorAccepted, offer.priorDeclined,
                        config.model().weightPrecision()), null, cache.featureNames(),
                        org.bankcrm.offer.domain.ModelMonitor.empty(config.model().monitorWindow(), cache.featureNames().size()))));
    }

    /** Adds an offer; once committed, this replica's decisions see it at once (others within the cache's refresh interval). */
    public Uni<Offer> create(Definition definition) {
        check(definition);
        return Panache.withTransaction(() -> add(definition)).invoke(cache::catalogueChanged);
    }

    private Uni<Offer> add(Definition definition) {
        return offers.find("code", definition.code()).firstResult().chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("An offer with code " + definition.code() + " exists")
                        .with("existingId", existing.id));
            }
            Offer offer = new Offer();
            offer.id = UUID.randomUUID();
            offer.createdAt = Instant.now();
            apply(offer, definition);
            return nextRevision().chain(revision -> {
                offer.revision = revision;
                return offers.persist(offer);
            });
        });
    }

    /** Replaces an offer's definition; seen by decisions as {@link #create} is. */
    public Uni<Offer> replace(UUID id, Definition definition) {
        check(definition);
        return Panache.withTransaction(() -> change(id, definition)).invoke(cache::catalogueChanged);
    }

    private Uni<Offer> change(UUID id, Definition definition) {
        return offers.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("offer", id))
                .chain(offer -> offers.find("code = ?1 and id <> ?2", definition.code(), id).firstResult().chain(clash -> {
                    if (clash != null) {
                        return Uni.createFrom().failure(ProblemException.conflict("An offer with code " + definition.code()
                                + " exists").with("existingId", clash.id));
                    }
                    apply(offer, definition);
                    return nextRevision().map(revision -> {
                        offer.revision = revision;
                        return offer;
                    });
                }));
    }

    private Uni<Long> nextRevision() {
        return Panache.getSession().chain(s -> s.createNativeQuery("select nextval('catalogue_revision')", Long.class)
                .getSingleResult());
    }

    private static void check(Definition definition) {
        try {
            OfferConditions.parse(definition.condition());
        } catch (OfferConditions.InvalidCondition e) {
            throw ProblemException.invalidField(e.path, e.getMessage());
        }
        if (definition.validFrom() != null && definition.validTo() != null && definition.validTo().isBefore(definition.validFrom())) {
            throw ProblemException.invalidField("validTo", "must not be before validFrom");
        }
        if (definition.category() == OfferCategory.SALES && definition.productType() == null) {
            throw ProblemException.invalidField("productType", "a SALES action sells a product type");
        }
    }

    private static void apply(Offer offer, Definition d) {
        offer.code = d.code();
        offer.name = d.name();
        offer.description = d.description();
        offer.category = d.category();
        offer.productType = d.productType();
        offer.conditionJson = d.condition();
        offer.channels(d.channels());
        offer.value = d.value();
        offer.validFrom = d.validFrom();
        offer.validTo = d.validTo();
        offer.priorAccepted = d.priorAccepted();
        offer.priorDeclined = d.priorDeclined();
        offer.active = d.active();
        offer.updatedAt = Instant.now();
    }
}
