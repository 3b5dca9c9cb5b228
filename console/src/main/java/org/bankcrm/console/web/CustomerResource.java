package org.bankcrm.console.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bankcrm.console.access.Page;
import org.bankcrm.console.services.Backends;
import org.bankcrm.console.services.ServiceProblem;
import org.bankcrm.console.view.LoyaltyHistory;
import org.bankcrm.console.view.TouchpointForm;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * Customer 360 (role channel): search, the client's whole picture from the four services, and the decision point —
 * the next best actions with their reasons, presenting them and recording the answers, recording a touchpoint.
 */
@Path("/clients")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class CustomerResource {
    static final int PAGE_SIZE = 20;
    private static final List<String> DONE = List.of("touchpointRecorded", "decisionRequested", "responseRecorded");

    private final Viewer viewer;
    private final Pages pages;
    private final Backends backends;
    private final Template clients;
    private final Template client;
    private final Template nba;
    private final int pollSeconds;

    public CustomerResource(Viewer viewer, Pages pages, Backends backends, @Location("clients.html") Template clients,
            @Location("client.html") Template client, @Location("nba.html") Template nba,
            @ConfigProperty(name = "console.poll-interval-seconds", defaultValue = "3") int pollSeconds) {
        this.viewer = viewer;
        this.pages = pages;
        this.backends = backends;
        this.clients = clients;
        this.client = client;
        this.nba = nba;
        this.pollSeconds = pollSeconds;
    }

    @GET
    public Response search(@QueryParam("q") String q, @QueryParam("page") Integer page) {
        Access.require(viewer, Page.CUSTOMER_360);
        TemplateInstance view = pages.page(clients, "/clients").data("q", q == null ? "" : q).data("result", null);
        if (q != null && !q.isBlank()) {
            int number = page == null || page < 0 ? 0 : page;
            JsonNode result = Backends.call("client-service",
                    () -> backends.clients().search(viewer.bearer(), q.trim(), number, PAGE_SIZE));
            view.data("result", Backends.plain(result));
        }
        return Response.ok(view).build();
    }

    @GET
    @Path("{id}")
    public Response client360(@PathParam("id") String id, @QueryParam("done") String done,
            @QueryParam("decision") String decision) {
        Access.require(viewer, Page.CUSTOMER_360);
        String clientId = clientId(id);
        TemplateInstance view = picture(clientId, uuid(decision).orElse(null));
        view.data("done", done != null && DONE.contains(done) ? done : null);
        return Response.ok(view).build();
    }

    /** The next-best-actions panel alone: the page's script asks for it every few seconds and swaps it when it changed. */
    @GET
    @Path("{id}/next-best-actions")
    public Response nextBestActions(@PathParam("id") String id) {
        Access.require(viewer, Page.CUSTOMER_360);
        String clientId = clientId(id);
        TemplateInstance panel = pages.page(nba, "/clients/" + clientId).data("clientId", clientId)
                .data("channels", TouchpointForm.CHANNELS).data("channel", "BRANCH");
        Sections sections = new Sections();
        panel.data("nba", sections.optional("offer-service", () -> backends.offers().nextBestActions(viewer.bearer(), clientId)));
        panel.data("problems", sections.problems);
        return Response.ok(panel).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{id}/touchpoints")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recordTouchpoint(@PathParam("id") String id, @FormParam("channel") String channel,
            @FormParam("type") String type, @FormParam("need") String need, @FormParam("valence") String valence,
            @FormParam("cause") String cause, @FormParam("causeDetail") String causeDetail,
            @FormParam("outcome") String outcome, @FormParam("csat") String csat, @FormParam("notes") String notes) {
        Access.require(viewer, Page.CUSTOMER_360);
        String clientId = clientId(id);
        TouchpointForm form = new TouchpointForm(channel, type, need, valence, cause, causeDetail, outcome, csat, notes);
        try {
            Backends.call("interaction-service", () -> backends.interactions().record(viewer.bearer(),
                    form.request(clientId, UUID.randomUUID(), Instant.now())));
        } catch (ServiceProblem problem) {
            TemplateInstance view = picture(clientId, null).data("form", form).data("formProblem", problem);
            return pages.status(problem.status() >= 500 ? 502 : problem.status(), view);
        }
        return done(clientId, "touchpointRecorded", null, "timeline");
    }

    /** Asks offer-service for a decision on the staff member's channel: the actions it answers are the ones to present. */
    @POST
    @Path("{id}/decisions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response present(@PathParam("id") String id, @FormParam("channel") String channel) {
        Access.require(viewer, Page.CUSTOMER_360);
        String clientId = clientId(id);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("clientId", clientId);
        request.put("channel", channel == null || channel.isBlank() ? "BRANCH" : channel);
        request.put("limit", 3);
        return act(clientId, "offer-service", () -> backends.offers().decide(viewer.bearer(), request), "decisionRequested");
    }

    @POST
    @Path("{id}/decisions/{decisionId}/responses")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response respond(@PathParam("id") String id, @PathParam("decisionId") String decisionId,
            @FormParam("offerId") String offerId, @FormParam("outcome") String outcome) {
        Access.require(viewer, Page.CUSTOMER_360);
        String clientId = clientId(id);
        String decision = uuid(decisionId).orElseThrow(NotFound::new);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("offerId", offerId);
        response.put("outcome", outcome);
        return act(clientId, "offer-service", () -> backends.offers().respond(viewer.bearer(), decision, response),
                "responseRecorded");
    }

    /** Calls offer-service; then the 360 with the decision acted on in the actions panel. */
    private Response act(String clientId, String service, Supplier<JsonNode> call, String done) {
        JsonNode answer;
        try {
            answer = Backends.call(service, call);
        } catch (ServiceProblem problem) {
            TemplateInstance view = picture(clientId, null).data("actionProblem", problem);
            return pages.status(problem.status() >= 500 ? 502 : problem.status(), view);
        }
        String decision = answer == null ? null : answer.path("decisionId").asText(null);
        return done(clientId, done, uuid(decision).orElse(null), "nba");
    }

    private static Response done(String clientId, String done, String decision, String anchor) {
        return Response.seeOther(URI.create("/clients/" + clientId + "?done=" + done
                + (decision == null ? "" : "&decision=" + decision) + "#" + anchor)).build();
    }

    /**
     * The 360: the client itself must be there (its problem is the page's answer); each other part may be missing. The
     * actions panel shows {@code decision} (one the staff asked for or answered) when given, else the event chain's
     * latest; the page's script replaces it when the chain decides anew.
     */
    private TemplateInstance picture(String clientId, String decision) {
        String bearer = viewer.bearer();
        JsonNode profile = Backends.call("client-service", () -> backends.clients().client(bearer, clientId));
        Sections sections = new Sections();
        TemplateInstance view = pages.page(client, "/clients/" + clientId)
                .data("clientId", clientId)
                .data("client", Backends.plain(profile))
                .data("consents", sections.optional("client-service", () -> backends.clients().consents(bearer, clientId)))
                .data("products", sections.optional("client-service", () -> backends.clients().products(bearer, clientId)))
                .data("value", sections.optional("client-service", () -> backends.clients().value(bearer, clientId)));
        Object loyalty = sections.optional("loyalty-service", () -> backends.loyalty().loyalty(bearer, clientId));
        view.data("loyalty", loyalty);
        JsonNode history = sections.optionalJson("loyalty-service", () -> backends.loyalty().history(bearer, clientId, 100));
        view.data("history", history == null ? null : LoyaltyHistory.of(history));
        view.data("timeline", sections.optional("interaction-service", () -> backends.interactions().timeline(bearer, clientId, 30)));
        view.data("journeys", sections.optional("interaction-service", () -> backends.interactions().journeys(bearer, clientId, 10)));
        Object shown = decision == null ? null
                : sections.optional("offer-service", () -> backends.offers().decision(bearer, decision));
        if (!(shown instanceof Map<?, ?> map) || !clientId.equals(map.get("clientId"))) {
            shown = sections.optional("offer-service", () -> backends.offers().nextBestActions(bearer, clientId));
        }
        view.data("nba", shown);
        view.data("problems", sections.problems);
        view.data("form", TouchpointForm.blank("BRANCH"));
        view.data("formProblem", null);
        view.data("actionProblem", null);
        view.data("done", null);
        view.data("pollSeconds", pollSeconds);
        view.data("channels", TouchpointForm.CHANNELS).data("channel", "BRANCH")
                .data("types", TouchpointForm.TYPES).data("needs", TouchpointForm.NEEDS)
                .data("valences", TouchpointForm.VALENCES).data("causes", TouchpointForm.CAUSES)
                .data("causeDetails", TouchpointForm.CAUSE_DETAILS).data("outcomes", TouchpointForm.OUTCOMES);
        return view;
    }

    private static String clientId(String id) {
        return uuid(id).orElseThrow(NotFound::new);
    }

    private static Optional<String> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id).toString());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Parts of a page loaded one by one: a 404 is "nothing yet" (not scored, no decision), other problems are listed. */
    static final class Sections {
        final List<String> problems = new ArrayList<>();

        Object optional(String service, Supplier<JsonNode> call) {
            return Backends.plain(optionalJson(service, call));
        }

        JsonNode optionalJson(String service, Supplier<JsonNode> call) {
            try {
                return Backends.call(service, call);
            } catch (ServiceProblem problem) {
                if (problem.status() != 404) {
                    problems.add(service + ": " + problem.title() + (problem.detail() == null ? "" : " — " + problem.detail()));
                }
                return null;
            }
        }
    }
}
