package org.bankcrm.client.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.ValueRecomputation;
import org.bankcrm.client.domain.ValueRecomputationRun;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** The recomputation of every client's value (monthly by schedule; here by hand) and its progress. */
@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/value-recomputations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Value")
public class ValueRecomputationResource {
    private final ValueRecomputation recomputation;

    public ValueRecomputationResource(ValueRecomputation recomputation) {
        this.recomputation = recomputation;
    }

    public record RunView(UUID id, ValueRecomputationRun.Trigger trigger, ValueRecomputationRun.Status status, long total,
            long done, long changed, double progress, Instant requestedAt, Instant startedAt, Instant finishedAt, String error) {

        static RunView of(ValueRecomputationRun r) {
            return new RunView(r.id(), r.trigger(), r.status(), r.total(), r.done(), r.changed(), r.progress(), r.requestedAt(),
                    r.startedAt(), r.finishedAt(), r.error());
        }
    }

    @POST
    @Operation(summary = "Recompute every client's value now", description = "202 with the new run (progress at its Location); "
            + "200 with the run already waiting or running when there is one (one run at a time). "
            + "crm.client.value-changed goes out only for the clients whose value changed.")
    public Uni<RestResponse<RunView>> request() {
        return recomputation.request(ValueRecomputationRun.Trigger.MANUAL).map(requested -> {
            URI location = URI.create("/api/v1/value-recomputations/" + requested.run().id());
            return RestResponse.ResponseBuilder
                    .create(requested.created() ? RestResponse.Status.ACCEPTED : RestResponse.Status.OK, RunView.of(requested.run()))
                    .location(location).build();
        });
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getValueRecomputation", summary = "A run and its progress", description = "status PENDING/RUNNING/DONE/FAILED, total live clients, done, changed (values that moved), progress 0-1")
    public Uni<RunView> get(@PathParam("id") UUID id) {
        return recomputation.find(id).map(run -> RunView.of(run.orElseThrow(() -> ProblemException.notFound("value recomputation", id))));
    }

    @GET
    @Operation(summary = "The latest runs, newest first")
    public Uni<List<RunView>> latest(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return recomputation.latest(limit).map(runs -> runs.stream().map(RunView::of).toList());
    }
}
