package org.bankcrm.loyalty.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.loyalty.app.LoyaltyReports;
import org.bankcrm.loyalty.domain.LoyaltyType;
import org.bankcrm.loyalty.domain.ScoreBasis;
import org.bankcrm.loyalty.domain.ScoreFactor;
import org.bankcrm.platform.http.Paging;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** A client's loyalty for the bank's channels: scores, type, churn risk, the reasons, and their history. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Loyalty")
public class LoyaltyResource {
    private final LoyaltyReports reports;

    public LoyaltyResource(LoyaltyReports reports) {
        this.reports = reports;
    }

    public record LoyaltyView(UUID clientId, double behavioural, double perceived, String type, Double churnRisk,
            List<ScoreFactor> factors, ScoreBasis basis, String triggerEventType, Instant updatedAt) {
    }

    public record ScoreChangeView(double behavioural, double perceived, String type, Double churnRisk,
            String triggerEventType, String triggerEventId, Instant changedAt) {
    }

    public record HistoryView(UUID clientId, int page, int size, List<ScoreChangeView> changes) {
    }

    public record DistributionView(String segment, String quadrant, long clients, Map<LoyaltyType, Long> types,
            Histogram behavioural, Histogram perceived, Histogram churnRisk) {
    }

    /** Counts per bucket; bucket i covers [lowerBounds[i], lowerBounds[i] + width). */
    public record Histogram(double width, double[] lowerBounds, long[] counts) {
        static Histogram of(double max, long[] counts) {
            double width = max / counts.length;
            double[] lower = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                lower[i] = Math.round(i * width * 100) / 100.0;
            }
            return new Histogram(width, lower, counts);
        }
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
    @GET
    @Path("clients/{clientId}/loyalty")
    @Operation(summary = "The client's behavioural and perceived loyalty, type, churn risk, factors and basis (404 until scored)")
    public Uni<LoyaltyView> loyalty(@PathParam("clientId") UUID clientId) {
        return reports.score(clientId).map(s -> new LoyaltyView(s.clientId, s.behavioural, s.perceived, s.type,
                s.churnRisk, reports.factors(s), s.basis(), s.triggerEventType, s.updatedAt));
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
    @GET
    @Path("clients/{clientId}/loyalty/history")
    @Operation(summary = "Each change of the client's scores, newest first")
    public Uni<HistoryView> history(@PathParam("clientId") UUID clientId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return reports.history(clientId, page, size).map(changes -> new HistoryView(clientId, page, size,
                changes.stream().map(c -> new ScoreChangeView(c.behavioural, c.perceived, c.type, c.churnRisk,
                        c.triggerEventType, c.triggerEventId, c.changedAt)).toList()));
    }

    @RolesAllowed(Roles.ANALYST)
    @GET
    @Path("loyalty/distribution")
    @Operation(summary = "Counts per loyalty type and histograms of the scores, optionally for one segment and value quadrant")
    public Uni<DistributionView> distribution(@QueryParam("segment") String segment, @QueryParam("quadrant") String quadrant) {
        return reports.distribution(segment, quadrant).map(d -> new DistributionView(segment, quadrant, d.clients(),
                d.types(), Histogram.of(100, d.behavioural()), Histogram.of(100, d.perceived()),
                Histogram.of(1, d.churnRisk())));
    }
}
