package org.bankcrm.offer.api;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.offer.app.OfferKpiSnapshots;
import org.bankcrm.offer.app.OfferKpis;
import org.bankcrm.offer.domain.Channel;
import org.bankcrm.offer.domain.NewcombeUplift;
import org.bankcrm.offer.domain.OfferMonth;
import org.bankcrm.offer.domain.OfferMonth.ChannelActivity;
import org.bankcrm.offer.domain.OfferMonth.Counts;
import org.bankcrm.offer.domain.OfferMonth.Recovery;
import org.bankcrm.offer.store.OfferKpiQueries.OfferAcceptance;
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

/** offer-service's analytical KPIs: acceptance, uplift over the control group, decisions per channel, service recovery. */
@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytical KPIs")
public class KpiResource {
    static final String INTERVAL = "newcombe-hybrid-score";
    private final OfferKpis kpis;
    private final OfferKpiSnapshots snapshots;

    public KpiResource(OfferKpis kpis, OfferKpiSnapshots snapshots) {
        this.kpis = kpis;
        this.snapshots = snapshots;
    }

    /** An offer's or a category's answers, and its uplift: stated once each side has the minimum of answers. */
    public record AcceptanceView(String key, String category, long responses, long accepted, Double rate,
            NewcombeUplift uplift) {
    }

    public record RecoveryView(long negatives, long offered, long accepted, Double share, Double acceptedShare) {
        static RecoveryView of(Recovery r) {
            return new RecoveryView(r.negatives(), r.offered(), r.accepted(), r.share(), r.acceptedShare());
        }
    }

    public record ChannelView(String channel, long decisions, long requests, long presented, long responses, long accepted,
            Double acceptanceRate) {
        static ChannelView of(ChannelActivity c) {
            return new ChannelView(c.channel(), c.decisions(), c.requests(), c.presented(), c.responses(), c.accepted(),
                    c.acceptanceRate());
        }
    }

    /** A month's KPIs; a snapshot's month also says when it was taken and carries that month's answers per offer. */
    public record MonthView(YearMonth month, long decisions, long presented, long responses, long accepted, Double acceptanceRate,
            List<ChannelView> byChannel, NewcombeUplift uplift, RecoveryView recovery,
            @JsonInclude(Include.NON_NULL) List<AcceptanceView> byOffer, @JsonInclude(Include.NON_NULL) Instant takenAt) {
        static MonthView of(OfferMonth m, double z, int minAnswers, List<OfferAcceptance> byOffer, Instant takenAt) {
            Counts answers = m.answers();
            return new MonthView(m.month(), m.decisions(), m.presented(), answers.responses(), answers.accepted(), answers.rate(),
                    m.channels().stream().map(ChannelView::of).toList(), m.uplift(z), RecoveryView.of(m.recovery()),
                    byOffer == null ? null : offers(byOffer, z, minAnswers), takenAt);
        }
    }

    public record Report(YearMonth from, YearMonth to, Channel channel, Instant asOf, String interval, long recoveryWindowDays,
            int upliftMinAnswers, long decisions, long presented, long responses, long accepted, Double acceptanceRate, NewcombeUplift uplift,
            RecoveryView recovery, List<AcceptanceView> byOffer, List<AcceptanceView> byCategory, List<MonthView> months) {
    }

    public record Series(YearMonth from, YearMonth to, Channel channel, String interval, int upliftMinAnswers,
            List<MonthView> months) {
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Operation(operationId = "offerKpis", summary = "offer-service's KPIs: acceptance by offer and category, uplift over the control group, decisions and presentations per channel, service recovery",
            description = "Computed now from the decisions and answers: over [from, to] and per month. The uplift is the acceptance rate of "
                    + "answers to model-ranked decisions minus that of the random control group, with Newcombe's hybrid score interval. "
                    + "`channel` selects decisions and answers on that channel (service recovery is counted across channels). See the README.")
    public Uni<Report> report(@BeanParam KpiQuery query) {
        YearMonth current = kpis.currentMonth();
        MonthRange range = query.live(current);
        Channel channel = query.channel();
        double z = kpis.z();
        int min = kpis.upliftMinAnswers();
        return kpis.report(range, channel == null ? null : channel.name()).map(r -> {
            List<OfferMonth> months = r.months();
            long treatedN = 0, treatedA = 0, controlN = 0, controlA = 0, negatives = 0, offered = 0, recovered = 0;
            long decisions = 0, presented = 0, responses = 0, accepted = 0;
            for (OfferMonth m : months) {
                treatedN += m.treated().responses();
                treatedA += m.treated().accepted();
                controlN += m.control().responses();
                controlA += m.control().accepted();
                negatives += m.recovery().negatives();
                offered += m.recovery().offered();
                recovered += m.recovery().accepted();
                decisions += m.decisions();
                presented += m.presented();
                responses += m.answers().responses();
                accepted += m.answers().accepted();
            }
            return new Report(range.from(), range.to(), channel, r.asOf(), INTERVAL, kpis.recoveryWindow().toDays(), min,
                    decisions, presented, responses, accepted, new Counts(responses, accepted).rate(),
                    NewcombeUplift.of(treatedN, treatedA, controlN, controlA, z),
                    RecoveryView.of(new Recovery(negatives, offered, recovered)), offers(r.byOffer(), z, min),
                    categories(r.byOffer(), z, min), months.stream().map(m -> MonthView.of(m, z, min, null, null)).toList());
        });
    }

    @RolesAllowed({ Roles.ANALYST, Roles.MARKETING })
    @GET
    @Path("monthly")
    @Operation(operationId = "monthlyOfferKpis", summary = "The monthly snapshots of offer-service's KPIs: each closed month as it stood when it closed",
            description = "Written once per closed month for all channels and each channel; a month not taken is absent.")
    public Uni<Series> monthly(@BeanParam KpiQuery query) {
        YearMonth current = kpis.currentMonth();
        MonthRange range = query.closed(current);
        Channel channel = query.channel();
        double z = kpis.z();
        int min = kpis.upliftMinAnswers();
        return snapshots.series(range, channel == null ? null : channel.name()).map(series -> new Series(range.from(), range.to(),
                channel, INTERVAL, min, series.stream()
                        .map(s -> MonthView.of(s.figures().month(), z, min, s.figures().byOffer(), s.takenAt())).toList()));
    }

    static List<AcceptanceView> offers(List<OfferAcceptance> byOffer, double z, int minAnswers) {
        return byOffer.stream().map(o -> view(o.offerCode(), o, z, minAnswers)).toList();
    }

    static List<AcceptanceView> categories(List<OfferAcceptance> byOffer, double z, int minAnswers) {
        Map<String, OfferAcceptance> sums = new TreeMap<>();
        byOffer.forEach(o -> sums.merge(o.category(), o, (a, b) -> new OfferAcceptance(a.category(), a.category(),
                a.responses() + b.responses(), a.accepted() + b.accepted(), a.treated().plus(b.treated()),
                a.control().plus(b.control()))));
        return sums.entrySet().stream().map(e -> view(e.getKey(), e.getValue(), z, minAnswers)).toList();
    }

    private static AcceptanceView view(String key, OfferAcceptance o, double z, int minAnswers) {
        return new AcceptanceView(key, o.category(), o.responses(), o.accepted(), new Counts(o.responses(), o.accepted()).rate(),
                NewcombeUplift.of(o.treated().responses(), o.treated().accepted(), o.control().responses(),
                        o.control().accepted(), z, minAnswers));
    }

    /** The filters both endpoints take; each bad one is a 400 naming it. */
    public static class KpiQuery extends MonthWindow {
        @Parameter(description = "A channel")
        @QueryParam("channel")
        public String channel;

        Channel channel() {
            return QueryValues.enumeration(Channel.class, "channel", channel);
        }
    }
}
