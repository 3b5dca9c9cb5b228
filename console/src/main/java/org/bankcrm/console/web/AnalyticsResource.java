package org.bankcrm.console.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bankcrm.console.access.Page;
import org.bankcrm.console.services.Backends;
import org.bankcrm.console.services.ServiceProblem;
import org.bankcrm.console.view.KpiSeries;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * The analytical CRM (roles analyst and marketing): client-service's KPIs over time as charts and tables, filtered by
 * segment and quadrant, and the monthly snapshots as the months closed; loyalty-service's (type mix and movement, churn
 * observed against predicted; quadrant filter) and offer-service's (acceptance, uplift, decisions per channel, service
 * recovery; no segment or quadrant filter there). The filters go to the services as given; client-service's 400 on a bad
 * one is shown above the form.
 */
@Path("/analytics")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class AnalyticsResource {
    static final List<String> QUADRANTS = List.of("PROFITABLE_HIGH_POTENTIAL", "PROFITABLE_LOW_POTENTIAL",
            "UNPROFITABLE_HIGH_POTENTIAL", "UNPROFITABLE_LOW_POTENTIAL");
    private static final String SERVICE = "client-service";
    private static final String LOYALTY = "loyalty-service";
    private static final String OFFERS = "offer-service";

    private final Viewer viewer;
    private final Pages pages;
    private final Backends backends;
    private final Template analytics;

    public AnalyticsResource(Viewer viewer, Pages pages, Backends backends, @Location("analytics.html") Template analytics) {
        this.viewer = viewer;
        this.pages = pages;
        this.backends = backends;
        this.analytics = analytics;
    }

    @GET
    public Response analytics(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("segment") String segment, @QueryParam("quadrant") String quadrant) {
        Access.require(viewer, Page.ANALYTICS);
        String f = given(from), t = given(to), s = given(segment), q = given(quadrant);
        String bearer = viewer.bearer();
        TemplateInstance view = pages.page(analytics, "/analytics").data("from", f == null ? "" : f).data("to", t == null ? "" : t)
                .data("segment", s == null ? "" : s).data("quadrant", q == null ? "" : q).data("quadrants", QUADRANTS)
                .data("kpis", null).data("series", null).data("monthly", null).data("problem", null)
                .data("loyalty", null).data("loyaltySeries", null).data("loyaltyProblem", null)
                .data("offers", null).data("offerSeries", null).data("offerProblem", null);
        view.data("segments", codes(Backends.call(SERVICE, () -> backends.kpis().segments(bearer))));
        try {
            JsonNode kpis = Backends.call(SERVICE, () -> backends.kpis().kpis(bearer, f, t, s, q));
            view.data("kpis", Backends.plain(kpis)).data("series", KpiSeries.of(kpis.path("months")));
            // snapshots are kept per segment or per quadrant: with both chosen there is no series to show
            if (s == null || q == null) {
                view.data("monthly", Backends.plain(Backends.call(SERVICE, () -> backends.kpis().monthly(bearer, null, null, s, q))));
            }
        } catch (ServiceProblem problem) {
            if (problem.status() != 400) {
                throw problem;
            }
            return pages.status(400, view.data("problem", problem));
        }
        // loyalty and offers are parts of the page: one that does not answer is said in its section, the rest stays
        try {
            JsonNode loyalty = Backends.call(LOYALTY, () -> backends.loyaltyKpis().kpis(bearer, f, t, s, q));
            view.data("loyalty", Backends.plain(loyalty)).data("loyaltySeries", KpiSeries.of(loyalty.path("months")));
        } catch (ServiceProblem problem) {
            view.data("loyaltyProblem", problem);
        }
        try {
            JsonNode offers = Backends.call(OFFERS, () -> backends.offerKpis().kpis(bearer, f, t, null));
            view.data("offers", Backends.plain(offers)).data("offerSeries", KpiSeries.of(offers.path("months")));
        } catch (ServiceProblem problem) {
            view.data("offerProblem", problem);
        }
        return Response.ok(view).build();
    }

    private static List<String> codes(JsonNode segments) {
        List<String> codes = new ArrayList<>();
        segments.forEach(segment -> codes.add(segment.path("code").asText()));
        return codes;
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
