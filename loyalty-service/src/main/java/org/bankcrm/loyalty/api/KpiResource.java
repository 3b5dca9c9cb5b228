package org.bankcrm.loyalty.api;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.loyalty.app.LoyaltyKpiSnapshots;
import org.bankcrm.loyalty.app.LoyaltyKpis;
import org.bankcrm.loyalty.domain.ChurnMonth;
import org.bankcrm.loyalty.domain.LoyaltyMonth;
import org.bankcrm.loyalty.domain.LoyaltyMonth.MixCell;
import org.bankcrm.loyalty.domain.LoyaltyMonth.Movement;
import org.bankcrm.loyalty.domain.LoyaltyType;
import org.bankcrm.loyalty.domain.ValueQuadrant;
import org.bankcrm.platform.http.QueryValues;
import org.bankcrm.platform.kpi.MonthRange;
import org.bankcrm.platform.kpi.MonthWindow;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import io.smallrye.mutiny.Uni;

/** The analytical KPIs loyalty-service owns: loyalty-type mix and movement, churn-risk bands, observed against predicted churn. */
@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytical KPIs")
public class KpiResource {
    private final LoyaltyKpis kpis;
    private final LoyaltyKpiSnapshots snapshots;

    public KpiResource(LoyaltyKpis kpis, LoyaltyKpiSnapshots snapshots) {
        this.kpis = kpis;
        this.snapshots = snapshots;
    }

    /** Clients per tenth of churn risk: {@code counts[i]} covers [i·width, (i+1)·width). */
    public record Bands(double width, long[] counts) {
    }

    public record ChurnView(long atRisk, Double meanPredictedRisk, Double predictedMonthlyRate, long leavers,
            Double observedRate, Double observedHorizonRate, long departures, long departuresWithRisk,
            Double departuresMeanPredictedRisk) {
        static ChurnView of(ChurnMonth c, Duration horizon) {
            return new ChurnView(c.atRisk(), c.meanPredictedRisk(), c.predictedMonthlyRate(horizon), c.leavers(),
                    c.observedRate(), c.observedHorizonRate(horizon), c.departures(), c.departuresScored(),
                    c.departuresMeanPredictedRisk());
        }
    }

    /** A month's KPIs; a snapshot's month also says when it was taken. */
    public record MonthView(YearMonth month, long clients, Map<LoyaltyType, Long> types, List<MixCell> mix,
            Bands churnRiskBands, long noChurnRisk, List<Movement> movements, long moved, Double movedShare, ChurnView churn,
            @JsonInclude(Include.NON_NULL) Instant takenAt) {
        static MonthView of(LoyaltyMonth m, Duration horizon, Instant takenAt) {
            return new MonthView(m.month(), m.clients(), m.types(), m.mix(), new Bands(1.0 / LoyaltyMonth.BANDS, m.riskBands()),
                    m.noRisk(), m.movements(), m.moved(), m.movedShare(), ChurnView.of(m.churn(), horizon), takenAt);
        }
    }

    public record Report(YearMonth from, YearMonth to, ValueQuadrant quadrant, String segment, Instant asOf,
            long horizonDays, List<MonthView> months) {
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Operation(operationId = "loyaltyKpis", summary = "The loyalty KPIs: type mix by quadrant and its movement, churn-risk bands, observed against predicted churn",
            description = "Computed now from the score history and the departures: per month of [from, to] the clients' loyalty type by value "
                    + "quadrant and churn-risk band at the month's end, the moves between types since the month before, and the month's "
                    + "observed churn against the risk held at its start. `quadrant` and `segment` select clients by their quadrant and "
                    + "segment membership now. See the README.")
    public Uni<Report> report(@BeanParam KpiQuery query) {
        YearMonth current = kpis.currentMonth();
        MonthRange range = query.live(current);
        ValueQuadrant quadrant = query.quadrant();
        Duration horizon = kpis.horizon();
        String segment = query.segment();
        return kpis.report(range, quadrant == null ? null : quadrant.name(), segment).map(r -> new Report(range.from(), range.to(),
                quadrant, segment, r.asOf(), horizon.toDays(), r.months().stream().map(m -> MonthView.of(m, horizon, null)).toList()));
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Path("monthly")
    @Operation(operationId = "monthlyLoyaltyKpis", summary = "The monthly snapshots of the loyalty KPIs: each closed month as it stood when it closed",
            description = "Written once per closed month for the bank and each quadrant; a month not taken is absent. "
                    + "No snapshots per segment: `segment` is a 400 here (the live report takes it).")
    public Uni<Series> monthly(@BeanParam KpiQuery query) {
        if (query.segment() != null) {
            throw ProblemException.invalidField("segment",
                    "snapshots are kept for the bank and each quadrant, not per segment: ask GET /api/v1/kpis for a segment");
        }
        YearMonth current = kpis.currentMonth();
        MonthRange range = query.closed(current);
        ValueQuadrant quadrant = query.quadrant();
        Duration horizon = kpis.horizon();
        return snapshots.series(range, quadrant == null ? null : quadrant.name()).map(series -> new Series(range.from(), range.to(),
                quadrant, series.stream().map(s -> MonthView.of(s.figures(), horizon, s.takenAt())).toList()));
    }

    public record Series(YearMonth from, YearMonth to, ValueQuadrant quadrant, List<MonthView> months) {
    }

    /** The filters both endpoints take; each bad one is a 400 naming it. */
    public static class KpiQuery extends MonthWindow {
        @Parameter(description = "A value quadrant")
        @QueryParam("quadrant")
        public String quadrant;

        @Parameter(description = "A segment code (client-service's need-based segments)")
        @QueryParam("segment")
        public String segment;

        ValueQuadrant quadrant() {
            return QueryValues.enumeration(ValueQuadrant.class, "quadrant", quadrant);
        }

        /** The segment code, or null for all clients; more than 64 characters is a 400. */
        String segment() {
            return QueryValues.code("segment", segment, 64);
        }
    }
}
