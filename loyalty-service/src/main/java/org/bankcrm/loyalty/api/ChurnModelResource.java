package org.bankcrm.loyalty.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

import jakarta.ws.rs.POST;

import org.bankcrm.loyalty.app.ChurnLearning;
import org.bankcrm.loyalty.app.ChurnModelMonitor;
import org.bankcrm.loyalty.app.ChurnStayersLabelling;
import io.smallrye.common.annotation.Blocking;
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
    private final ChurnStayersLabelling labelling;
    private final ChurnModelMonitor monitor;

    public ChurnModelResource(ChurnLearning learning, ChurnStayersLabelling labelling, ChurnModelMonitor monitor) {
        this.learning = learning;
        this.labelling = labelling;
        this.monitor = monitor;
    }

    /** What a labelling run did. */
    public record LabellingRun(int labelled, Instant finishedAt) {
    }

    @GET
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "The churn model: version, observations, coefficients, AUC, Brier score and reliability by decile")
    public Uni<ChurnLearning.Report> model() {
        return learning.report().invoke(monitor::update);
    }

    /**
     * Runs the stayers' labelling now instead of at the next {@code crm.loyalty.churn.labelling-interval} (after a
     * migration of history, or to see the model learn without waiting): the same rule, on this instance, synchronous.
     */
    @POST
    @Path("labelling-runs")
    @RolesAllowed(Roles.ADMIN)
    @Blocking
    @Operation(summary = "Labels now, as the periodic job does, the snapshots of clients still here a horizon later → 200 with how many")
    public LabellingRun label() throws Throwable {
        int labelled = labelling.runNow();
        monitor.refresh();
        return new LabellingRun(labelled, Instant.now());
    }
}
