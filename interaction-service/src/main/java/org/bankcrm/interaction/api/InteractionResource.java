package org.bankcrm.interaction.api;

import java.net.URI;
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

import org.bankcrm.interaction.app.TouchpointLog;
import org.bankcrm.interaction.app.TouchpointSubmission;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** Touchpoints from the bank's channels. */
@Path("/api/v1/interactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Interactions")
public class InteractionResource {
    private final TouchpointLog log;

    public InteractionResource(TouchpointLog log) {
        this.log = log;
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.INTEGRATION })
    @POST
    @Operation(summary = "Record a touchpoint and its experience",
            description = "201 with the record and its Location; 200 with the stored record when the same id comes again "
                    + "with the same content; 409 when the id was used for other content; 404 for a client not known.")
    public Uni<RestResponse<InteractionView>> record(@Valid @NotNull TouchpointSubmission request) {
        return log.record(request).map(acceptance -> {
            InteractionView view = InteractionView.of(acceptance.touchpoint());
            return acceptance.verdict() == TouchpointLog.Verdict.RECORDED
                    ? RestResponse.ResponseBuilder.<InteractionView>created(URI.create("/api/v1/interactions/" + view.id()))
                            .entity(view).build()
                    : RestResponse.ok(view);
        });
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
    @GET
    @Path("{id}")
    @Operation(operationId = "getInteraction", summary = "Read a touchpoint")
    public Uni<InteractionView> get(@PathParam("id") UUID id) {
        return log.find(id).map(InteractionView::of);
    }
}
