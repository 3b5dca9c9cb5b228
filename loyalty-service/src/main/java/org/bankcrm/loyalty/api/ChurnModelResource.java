package org.bankcrm.loyalty.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.loyalty.app.ChurnLearning;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/churn-model")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Loyalty")
/** The churn model as learnt so far, and how well it did on the observations it learnt from. */
public class ChurnModelResource {
    private final ChurnLearning learning;

    public ChurnModelResource(ChurnLearning learning) {
        this.learning = learning;
    }

    @GET
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "The churn model: version, observations, coefficients, AUC, Brier score and reliability by decile")
    public Uni<ChurnLearning.Report> model() {
        return learning.report();
    }
}
