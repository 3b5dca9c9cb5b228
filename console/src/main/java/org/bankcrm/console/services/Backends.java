package org.bankcrm.console.services;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The four services' REST APIs, each call made with the signed-in user's bearer token. A service that does not answer
 * is a {@link ServiceProblem} (503) like any error answer, so a page can say which part is missing.
 */
@ApplicationScoped
public class Backends {
    private static final ObjectMapper JSON = new ObjectMapper();

    final ClientApi clients;
    final InteractionApi interactions;
    final LoyaltyApi loyalty;
    final OfferApi offers;
    final ClientKpiApi kpis;
    final LoyaltyKpiApi loyaltyKpis;
    final OfferKpiApi offerKpis;

    public Backends(@RestClient ClientApi clients, @RestClient InteractionApi interactions, @RestClient LoyaltyApi loyalty,
            @RestClient OfferApi offers, @RestClient ClientKpiApi kpis, @RestClient LoyaltyKpiApi loyaltyKpis,
            @RestClient OfferKpiApi offerKpis) {
        this.clients = clients;
        this.kpis = kpis;
        this.loyaltyKpis = loyaltyKpis;
        this.offerKpis = offerKpis;
        this.interactions = interactions;
        this.loyalty = loyalty;
        this.offers = offers;
    }

    public ClientApi clients() {
        return clients;
    }

    public ClientKpiApi kpis() {
        return kpis;
    }

    public LoyaltyKpiApi loyaltyKpis() {
        return loyaltyKpis;
    }

    public OfferKpiApi offerKpis() {
        return offerKpis;
    }

    public InteractionApi interactions() {
        return interactions;
    }

    public LoyaltyApi loyalty() {
        return loyalty;
    }

    public OfferApi offers() {
        return offers;
    }

    /** Calls a service; a connection failure becomes a 503 problem naming it. */
    public static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException e) {
            if (e.getCause() instanceof ServiceProblem problem) {
                throw problem;
            }
            throw ServiceProblem.unreachable(service);
        }
    }

    /** JSON as plain maps, lists, strings, numbers and booleans, for the templates. */
    public static Object plain(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : JSON.convertValue(node, Object.class);
    }
}
