package org.bankcrm.console.web;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bankcrm.console.access.Page;
import org.bankcrm.console.services.Backends;
import org.bankcrm.console.services.ServiceProblem;
import org.bankcrm.console.view.OfferCatalogue;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * The offer catalogue (roles marketing and analyst): each offer of offer-service's catalogue with its answers and
 * acceptance over the chosen months and its propensity model's state (answers learnt, online AUC, calibration, the input
 * that drifted most), and the model's uplift over the control group across the offers. A model that cannot be read
 * leaves its row's model figures empty; the rest of the page stays.
 */
@Path("/offers")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class OfferCatalogueResource {
    private static final String SERVICE = "offer-service";

    private final Viewer viewer;
    private final Pages pages;
    private final Backends backends;
    private final Template catalogue;

    public OfferCatalogueResource(Viewer viewer, Pages pages, Backends backends, @Location("offers.html") Template catalogue) {
        this.viewer = viewer;
        this.pages = pages;
        this.backends = backends;
        this.catalogue = catalogue;
    }

    @GET
    public Response catalogue(@QueryParam("from") String from, @QueryParam("to") String to) {
        Access.require(viewer, Page.OFFER_CATALOGUE);
        String f = given(from), t = given(to);
        String bearer = viewer.bearer();
        TemplateInstance view = pages.page(catalogue, "/offers").data("from", f == null ? "" : f).data("to", t == null ? "" : t)
                .data("kpis", null).data("rows", null).data("problem", null);
        JsonNode offers = Backends.call(SERVICE, () -> backends.offers().offers(bearer));
        JsonNode kpis;
        try {
            kpis = Backends.call(SERVICE, () -> backends.offerKpis().kpis(bearer, f, t, null));
        } catch (ServiceProblem problem) {
            if (problem.status() != 400) {
                throw problem;
            }
            return pages.status(400, view.data("problem", problem));
        }
        Map<String, JsonNode> models = new HashMap<>();
        for (JsonNode offer : offers) {
            String id = offer.path("id").asText();
            try {
                models.put(id, Backends.call(SERVICE, () -> backends.offers().model(bearer, id)));
            } catch (ServiceProblem problem) {
                // this row's model figures stay empty
            }
        }
        view.data("kpis", Backends.plain(kpis)).data("rows", OfferCatalogue.rows(offers, kpis.path("byOffer"), models));
        return Response.ok(view).build();
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
