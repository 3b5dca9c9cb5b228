package org.bankcrm.client.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.KpiSnapshots;
import org.bankcrm.client.app.PortfolioKpis;
import org.bankcrm.client.domain.PortfolioMonth;
import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.store.KpiSnapshotStore.Snapshot;
import org.bankcrm.client.store.PortfolioKpiQueries.Filter;
import org.bankcrm.client.store.PortfolioKpiQueries.SegmentHolding;
import org.bankcrm.client.store.PortfolioKpiQueries.ValueCell;
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

@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytical KPIs")
public class KpiResource {
    private final PortfolioKpis kpis;
    private final KpiSnapshots snapshots;

    public KpiResource(PortfolioKpis kpis, KpiSnapshots snapshots) {
        this.kpis = kpis;
        this.snapshots = snapshots;
    }

    public record ValueCellView(ValueQuadrant quadrant, String strategy, long clients) {
        static ValueCellView of(ValueCell cell) {
            return new ValueCellView(cell.quadrant() == null ? null : ValueQuadrant.valueOf(cell.quadrant()), cell.strategy(),
                    cell.clients());
        }
    }

    /** A month's KPIs; a snapshot's month also has the clients and their value mix then, and when it was taken. */
    public record MonthView(YearMonth month, long clientsHolding, long openProducts, BigDecimal crossSellRatio,
            long secondProductClients, BigDecimal secondProductShare, long fundedClients, BigDecimal funds,
            BigDecimal averageFunds, BigDecimal fundsGrowth, long productsOpened, long productsClosed,
            @JsonInclude(Include.NON_NULL) Long clients, @JsonInclude(Include.NON_NULL) List<ValueCellView> valueMix,
            @JsonInclude(Include.NON_NULL) Instant takenAt) {
        static MonthView of(PortfolioMonth m, BigDecimal fundsGrowth) {
            return new MonthView(m.month(), m.clientsHolding(), m.openProducts(), m.crossSellRatio(), m.secondProductClients(),
                    m.secondProductShare(), m.fundedClients(), m.funds(), m.averageFunds(), fundsGrowth, m.opened(), m.closed(),
                    null, null, null);
        }

        static MonthView of(Snapshot s) {
            PortfolioMonth m = s.figures();
            return new MonthView(m.month(), m.clientsHolding(), m.openProducts(), m.crossSellRatio(), m.secondProductClients(),
                    m.secondProductShare(), m.fundedClients(), m.funds(), m.averageFunds(), s.fundsGrowth(), m.opened(), m.closed(),
                    s.clients(), s.valueMix().stream().map(ValueCellView::of).toList(), s.takenAt());
        }
    }

    public record Series(YearMonth from, YearMonth to, String segment, ValueQuadrant quadrant, List<MonthView> months) {
    }

    public record SegmentView(String segment, long clientsHolding, long openProducts, BigDecimal crossSellRatio,
            long secondProductClients, BigDecimal secondProductShare) {
        static SegmentView of(SegmentHolding h, YearMonth month) {
            var figures = new PortfolioMonth(month, h.clientsHolding(), h.openProducts(), h.secondProductClients(), 0,
                    BigDecimal.ZERO, 0, 0);
            return new SegmentView(h.segment(), h.clientsHolding(), h.openProducts(), figures.crossSellRatio(),
                    h.secondProductClients(), figures.secondProductShare());
        }
    }

    public record Report(YearMonth from, YearMonth to, String segment, ValueQuadrant quadrant, Instant asOf, long clients,
            List<ValueCellView> valueMix, List<MonthView> months, YearMonth segmentsAt, List<SegmentView> bySegment) {
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Operation(operationId = "portfolioKpis", summary = "The analytical KPIs: clients by quadrant and strategy, cross-sell, funds, product flows",
            description = "Computed now from the history: per month of [from, to] the products held at the month's end (cross-sell ratio, "
                    + "share holding a second product), the funds on accounts (sum and average of the average balances, growth) and the "
                    + "products opened and closed; the clients by quadrant and strategy now; each active segment's cross-sell at the end "
                    + "of `to`. `segment` and `quadrant` select clients by their membership and quadrant now. See the README for the definitions.")
    public Uni<Report> report(@BeanParam KpiQuery query) {
        YearMonth current = kpis.currentMonth();
        MonthRange range = query.live(current);
        Filter filter = query.filter();
        return kpis.report(range, filter).map(r -> new Report(range.from(), range.to(), filter.segment(), query.quadrant(), r.asOf(),
                r.valueMix().stream().mapToLong(ValueCell::clients).sum(),
                r.valueMix().stream().map(ValueCellView::of).toList(),
                r.months().stream().map(m -> MonthView.of(m.figures(), m.fundsGrowth())).toList(),
                range.to(), r.bySegment().stream().map(h -> SegmentView.of(h, range.to())).toList()));
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Path("monthly")
    @Operation(operationId = "monthlyKpis", summary = "The monthly snapshots of the KPIs: each closed month as it stood when it closed",
            description = "Written once per closed month for the bank, each active segment and each quadrant; a month not taken is "
                    + "absent. Filter by `segment` or by `quadrant` (not both).")
    public Uni<Series> monthly(@BeanParam KpiQuery query) {
        YearMonth current = kpis.currentMonth();
        MonthRange range = query.closed(current);
        Filter filter = query.filter();
        if (filter.segment() != null && filter.quadrant() != null) {
            throw ProblemException.invalidField("quadrant", "snapshots are kept per segment or per quadrant, not for both at once");
        }
        return snapshots.series(range, filter).map(series -> new Series(range.from(), range.to(), filter.segment(), query.quadrant(),
                series.stream().map(MonthView::of).toList()));
    }

    /** The filters both endpoints take; each bad one is a 400 naming it. */
    public static class KpiQuery extends MonthWindow {
        @Parameter(description = "A segment code")
        @QueryParam("segment")
        public String segment;

        @Parameter(description = "A value quadrant")
        @QueryParam("quadrant")
        public String quadrant;

        ValueQuadrant quadrant() {
            return ClientResource.enumeration("quadrant", ValueQuadrant.class, quadrant);
        }

        Filter filter() {
            String code = QueryValues.code("segment", segment, 64);
            ValueQuadrant q = quadrant();
            return new Filter(code, q == null ? null : q.name());
        }
    }
}
