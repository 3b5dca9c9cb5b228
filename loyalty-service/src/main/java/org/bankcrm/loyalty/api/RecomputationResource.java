package org.bankcrm.loyalty.api;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bankcrm.loyalty.app.Recomputations;
import org.bankcrm.loyalty.domain.Recomputation;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** Full recomputation of all clients' scores (after a configuration change), as a background job. */
@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/loyalty/recomputations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Loyalty")
public class RecomputationResource {
    private final Recomputations recomputations;

    public RecomputationResource(Recomputations recomputations) {
        this.recomputations = recomputations;
    }

    public record RecomputationView(UUID id, String status, long total, long done, double progress,
            Instant requestedAt, Instant finishedAt, String failure) {
        static RecomputationView of(Recomputation r) {
            return new RecomputationView(r.id, r.status, r.total, r.done, Math.round(r.progress() * 1000) / 1000.0,
                    r.requestedAt, r.finishedAt, r.failure);
        }
    }

    @POST
    @Operation(summary = "Starts rescoring every client in the background → 202 with the job and its Location")
    public Uni<Response> start() {
        return recomputations.start().invoke(job -> recomputations.run(job.id))
                .map(job -> Response.accepted(RecomputationView.of(job))
                        .location(URI.create("/api/v1/loyalty/recomputations/" + job.id)).build());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getRecomputation", summary = "The job's progress: status (RUNNING, DONE, FAILED), clients done of total")
    public Uni<RecomputationView> get(@PathParam("id") UUID id) {
        return recomputations.find(id).map(RecomputationView::of);
    }
}
