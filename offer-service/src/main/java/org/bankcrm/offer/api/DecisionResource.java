package org.bankcrm.offer.api;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bankcrm.offer.app.NextBestActions;
import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.ContactReason;
import org.bankcrm.offer.domain.OfferCategory;
import org.bankcrm.offer.domain.OfferResponse;
import org.bankcrm.offer.domain.RankedAction;
import org.bankcrm.offer.domain.ScoreComponents;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** Next best actions at the decision point, and the client's answers to them. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Decisions")
public class DecisionResource {
    private final NextBestActions nextBestActions;

    public DecisionResource(NextBestActions nextBestActions) {
        this.nextBestActions = nextBestActions;
    }

    /**
     * Why the client is at the channel, what the channel knows of the moment ({@code features}: allowed names and
     * ranges, see the README), and the date the contact is planned for ({@code contactDate}: an outbound campaign
     * decides ahead; from today to a year on, absent = today in the bank's zone; its month and weekday are features);
     * all optional.
     */
    public record RequestContext(ContactReason reason, Map<String, Double> features,
            @Schema(description = "The date an outbound contact is planned for (ISO date), from today to a year on in the "
                    + "bank's zone; absent = today. Its month and weekday are propensity features.", examples = "2027-05-03")
            LocalDate contactDate) {
    }

    public record DecisionRequest(@NotNull UUID clientId, @NotNull Channel channel, RequestContext context, Integer limit) {
    }

    public record ActionView(int rank, UUID offerId, String offerCode, OfferCategory category, String productType,
            double score, ScoreComponents components, List<String> reasons) {
    }

    public record TriggerView(String type, String eventId) {
    }

    public record DecisionView(UUID decisionId, UUID clientId, String channel, TriggerView trigger, boolean controlGroup,
            List<ActionView> actions, long catalogueVersion, long modelVersion, Instant decidedAt) {
    }

    /**
     * {@code respondedAt}: when the client gave the answer, if not now (an answer logged after the fact, or an earlier
     * contact a campaign system hands over); not in the future, not older than {@code crm.offer.response.max-age}.
     */
    public record ResponseRequest(@NotNull UUID offerId, @NotNull OfferResponse.Outcome outcome, Instant respondedAt) {
    }

    public record ResponseView(UUID responseId, UUID decisionId, UUID offerId, OfferCategory category, String channel,
            OfferResponse.Outcome outcome, boolean controlGroup, Instant respondedAt) {
    }

    @RolesAllowed(Roles.CHANNEL)
    @POST
    @Path("decisions")
    @Operation(summary = "Decide the client's next best actions on a channel, from local state only → 201")
    public Uni<Response> decide(@Valid @NotNull DecisionRequest request) {
        ContactReason reason = request.context() == null ? null : request.context().reason();
        Map<String, Double> features = request.context() == null ? null : request.context().features();
        LocalDate contactDate = request.context() == null ? null : request.context().contactDate();
        return nextBestActions.decideForChannel(request.clientId(), request.channel(), reason, request.limit(), features,
                contactDate)
                .map(d -> Response.created(URI.create("/api/v1/decisions/" + d.decision().id)).entity(view(d)).build());
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
    @GET
    @Path("decisions/{decisionId}")
    @Operation(operationId = "getDecision", summary = "A stored decision (404 when unknown)")
    public Uni<DecisionView> get(@PathParam("decisionId") UUID decisionId) {
        return nextBestActions.get(decisionId).map(DecisionResource::view);
    }

    public record AuditView(UUID decisionId, String trigger, String triggerEventId, boolean controlGroup,
            long catalogueVersion, long modelVersion, Instant decidedAt, NextBestActions.DecisionInputs inputs,
            List<String> featureNames) {
    }

    @RolesAllowed({ Roles.ANALYST, Roles.ADMIN })
    @GET
    @Path("decisions/{decisionId}/audit")
    @Operation(summary = "Why this decision: the read-model snapshot, contact history, model features and every policy "
            + "result per offer (inputs are null once the client was erased)")
    public Uni<AuditView> audit(@PathParam("decisionId") UUID decisionId) {
        return nextBestActions.get(decisionId).map(d -> new AuditView(d.decision().id, d.decision().triggerType,
                d.decision().triggerEventId, d.decision().controlGroup, d.decision().catalogueVersion,
                d.decision().modelVersion, d.decision().decidedAt, nextBestActions.inputs(d.decision()),
                nextBestActions.featureNames()));
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
    @GET
    @Path("clients/{clientId}/next-best-actions")
    @Operation(summary = "The latest decision the event chain computed for the client; 404 before the first")
    public Uni<DecisionView> latest(@PathParam("clientId") UUID clientId) {
        return nextBestActions.latest(clientId).map(DecisionResource::view);
    }

    @RolesAllowed(Roles.CHANNEL)
    @POST
    @Path("decisions/{decisionId}/responses")
    @Operation(summary = "The client's answer to one action: 201, 200 for the same answer again, 409 for a different one, "
            + "422 for an offer not in the decision; respondedAt (optional) dates an answer given earlier")
    public Uni<Response> respond(@PathParam("decisionId") UUID decisionId, @Valid @NotNull ResponseRequest request) {
        return nextBestActions.respond(decisionId, request.offerId(), request.outcome(), request.respondedAt()).map(answered -> {
            OfferResponse r = answered.response();
            ResponseView view = new ResponseView(r.id, r.decisionId, r.offerId, r.category, r.channel, r.outcome,
                    r.controlGroup, r.respondedAt);
            return Response.status(answered.created() ? 201 : 200).entity(view).build();
        });
    }

    static DecisionView view(NextBestActions.Decided decided) {
        var d = decided.decision();
        List<ActionView> actions = decided.actions().stream().map(DecisionResource::view).toList();
        return new DecisionView(d.id, d.clientId, d.channel, new TriggerView(d.triggerType, d.triggerEventId), d.controlGroup,
                actions, d.catalogueVersion, d.modelVersion, d.decidedAt);
    }

    static ActionView view(RankedAction a) {
        return new ActionView(a.rank(), a.offerId(), a.code(), a.category(), a.productType(), a.score(), a.components(),
                a.reasons());
    }
}
