package org.bankcrm.interaction.api;

import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.interaction.app.CxKpiSnapshots;
import org.bankcrm.interaction.app.CxKpis;
import org.bankcrm.interaction.domain.Cause;
import org.bankcrm.interaction.domain.CauseDetail;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.CxBreakdown;
import org.bankcrm.interaction.domain.CxCounts;
import org.bankcrm.interaction.domain.CxMonth;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.interaction.store.CxCounterStore.CellFilter;
import org.bankcrm.platform.http.QueryValues;
import org.bankcrm.platform.kpi.MonthRange;
import org.bankcrm.platform.kpi.MonthWindow;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import io.smallrye.mutiny.Uni;

/** interaction-service's analytical KPIs per month: CSAT, NPS, FCR, need met, negatives by channel, need and cause, findings. */
@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytical KPIs")
public class KpiResource {
    private final CxKpis kpis;
    private final CxKpiSnapshots snapshots;

    public KpiResource(CxKpis kpis, CxKpiSnapshots snapshots) {
        this.kpis = kpis;
        this.snapshots = snapshots;
    }

    /** A cause's experiences: touchpoints, negatives and their share of all the negatives. */
    public record CauseView(long touchpoints, long negative, Double shareOfNegative) {
    }

    /** A month's KPIs; a snapshot's month also says when it was taken. Findings are null when the month before is unknown. */
    public record MonthView(YearMonth month, CxResource.Figures total, Map<Channel, CxResource.Figures> byChannel,
            Map<Need, CxResource.Figures> byNeed, Map<Cause, CauseView> byCause,
            Map<CauseDetail, CxResource.NegativeExperiences> byCauseDetail, CxMonth.Findings findings,
            @JsonInclude(Include.NON_NULL) Instant takenAt) {
        static MonthView of(CxMonth m, Instant takenAt) {
            CxBreakdown b = m.breakdown();
            return new MonthView(m.month(), CxResource.Figures.of(b.total()), figures(b.byChannel()), figures(b.byNeed()),
                    causes(b), negatives(b), m.findings(), takenAt);
        }
    }

    public record Report(YearMonth from, YearMonth to, Channel channel, Need need, Cause cause, Instant asOf,
            CxResource.Figures total, Map<Cause, CauseView> byCause, Map<CauseDetail, CxResource.NegativeExperiences> byCauseDetail,
            List<MonthView> months) {
    }

    public record Series(YearMonth from, YearMonth to, Channel channel, Need need, Cause cause, List<MonthView> months) {
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Operation(operationId = "cxKpis", summary = "interaction-service's KPIs per month: touchpoints, CSAT, NPS, first-contact resolution, "
            + "need met, repeat contacts, negative experiences by channel, need, cause and cause detail, and the findings",
            description = "Computed now from the daily CX counters over [from, to] (UTC calendar months). Each month's findings compare "
                    + "it with the month before (the rules of /cx/findings). channel, need and cause narrow every figure; first-contact "
                    + "resolution and need met count journeys, which have no cause, so under a cause they have no base. See the README.")
    public Uni<Report> report(@BeanParam KpiQuery query) {
        YearMonth current = kpis.currentMonth();
        MonthRange range = query.live(current);
        CellFilter filter = query.filter();
        return kpis.report(range, filter).map(r -> new Report(range.from(), range.to(), filter.channel(), filter.need(),
                filter.cause(), r.asOf(), CxResource.Figures.of(r.total().total()), causes(r.total()), negatives(r.total()),
                r.months().stream().map(m -> MonthView.of(m, null)).toList()));
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Path("monthly")
    @Operation(operationId = "monthlyCxKpis", summary = "The monthly snapshots of the CX KPIs: each closed month as it stood when it closed",
            description = "Written once per closed month (its counters per channel, need, cause and cause detail), so every filter "
                    + "reads from it; a month not taken is absent.")
    public Uni<Series> monthly(@BeanParam KpiQuery query) {
        YearMonth current = kpis.currentMonth();
        MonthRange range = query.closed(current);
        CellFilter filter = query.filter();
        return snapshots.series(range, filter).map(series -> new Series(range.from(), range.to(), filter.channel(),
                filter.need(), filter.cause(), series.stream().map(t -> MonthView.of(t.month(), t.takenAt())).toList()));
    }

    static <K> Map<K, CxResource.Figures> figures(Map<K, CxCounts> counts) {
        Map<K, CxResource.Figures> result = new LinkedHashMap<>();
        counts.forEach((k, v) -> result.put(k, CxResource.Figures.of(v)));
        return result;
    }

    static Map<Cause, CauseView> causes(CxBreakdown b) {
        long negatives = b.total().negative();
        Map<Cause, CauseView> result = new LinkedHashMap<>();
        b.byCause().forEach((k, v) -> result.put(k,
                new CauseView(v.touchpoints(), v.negative(), negatives == 0 ? null : (double) v.negative() / negatives)));
        return result;
    }

    static Map<CauseDetail, CxResource.NegativeExperiences> negatives(CxBreakdown b) {
        Map<CauseDetail, CxResource.NegativeExperiences> result = new LinkedHashMap<>();
        b.byCauseDetail().forEach((k, v) -> {
            if (v.negative() > 0) {
                result.put(k, CxResource.negative(v));
            }
        });
        return result;
    }

    /** The filters both endpoints take; each bad one is a 400 naming it. */
    public static class KpiQuery extends MonthWindow {
        @Parameter(description = "A channel")
        @QueryParam("channel")
        public String channel;

        @Parameter(description = "A need")
        @QueryParam("need")
        public String need;

        @Parameter(description = "Who caused the experience: CLIENT, BANK, THIRD_PARTY")
        @QueryParam("cause")
        public String cause;

        CellFilter filter() {
            return new CellFilter(QueryValues.enumeration(Channel.class, "channel", channel),
                    QueryValues.enumeration(Need.class, "need", need), QueryValues.enumeration(Cause.class, "cause", cause));
        }
    }
}
