package org.bankcrm.console.web;

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
import org.bankcrm.console.view.CxTables;
import org.bankcrm.console.view.KpiSeries;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * The CX monitor (role analyst): interaction-service's KPIs per month — CSAT, NPS, first-contact resolution, need met,
 * negatives and the bank-caused ones by cause detail, channel and cause, and each month's findings — as charts and month
 * tables. The filters go to interaction-service as chosen; its 400 on a bad one is shown above the form.
 */
@Path("/cx")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class CxMonitorResource {
    static final List<String> CHANNELS = List.of("BRANCH", "CALL_CENTER", "MOBILE_APP", "INTERNET_BANK", "ATM", "CHAT", "EMAIL");
    static final List<String> NEEDS = List.of("PAYMENTS", "CARDS", "LENDING", "SAVINGS", "INSURANCE", "INVESTMENTS",
            "DIGITAL_ACCESS", "ACCOUNT_SERVICE", "OTHER");
    static final List<String> CAUSES = List.of("BANK", "CLIENT", "THIRD_PARTY");
    private static final String SERVICE = "interaction-service";

    private final Viewer viewer;
    private final Pages pages;
    private final Backends backends;
    private final Template cx;

    public CxMonitorResource(Viewer viewer, Pages pages, Backends backends, @Location("cx.html") Template cx) {
        this.viewer = viewer;
        this.pages = pages;
        this.backends = backends;
        this.cx = cx;
    }

    @GET
    public Response monitor(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("channel") String channel,
            @QueryParam("need") String need, @QueryParam("cause") String cause) {
        Access.require(viewer, Page.CX_MONITOR);
        String f = given(from), t = given(to), c = given(channel), n = given(need), k = given(cause);
        String bearer = viewer.bearer();
        TemplateInstance view = pages.page(cx, "/cx").data("from", f == null ? "" : f).data("to", t == null ? "" : t)
                .data("channel", c == null ? "" : c).data("need", n == null ? "" : n).data("cause", k == null ? "" : k)
                .data("channels", CHANNELS).data("needs", NEEDS).data("causes", CAUSES)
                .data("kpis", null).data("series", null).data("byCauseDetail", null).data("byChannel", null)
                .data("byCause", null).data("problem", null);
        try {
            JsonNode kpis = Backends.call(SERVICE, () -> backends.interactions().kpis(bearer, f, t, c, n, k));
            JsonNode months = kpis.path("months");
            view.data("kpis", Backends.plain(kpis)).data("series", KpiSeries.of(months))
                    .data("byCauseDetail", CxTables.bankCausedByCauseDetail(months))
                    .data("byChannel", CxTables.bankCausedByChannel(months)).data("byCause", CxTables.negativesByCause(months));
        } catch (ServiceProblem problem) {
            if (problem.status() != 400) {
                throw problem;
            }
            return pages.status(400, view.data("problem", problem));
        }
        return Response.ok(view).build();
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
