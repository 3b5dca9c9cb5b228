package org.bankcrm.interaction.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.interaction.app.CxMonitor;
import org.bankcrm.interaction.domain.CauseDetail;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.CxCounts;
import org.bankcrm.interaction.domain.CxFindingRules.CauseFinding;
import org.bankcrm.interaction.domain.CxFindingRules.CsatFinding;
import org.bankcrm.interaction.domain.CxFindingRules.RepeatContactFinding;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.platform.http.QueryValues;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** Customer-experience metrics and what monitoring concludes from them. */
@RolesAllowed(Roles.ANALYST)
@Path("/api/v1/cx")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CX metrics")
public class CxResource {
    private final CxMonitor monitor;

    public CxResource(CxMonitor monitor) {
        this.monitor = monitor;
    }

    public record Csat(Double average, long responses) {
    }

    /** NPS = % promoters (9–10) − % detractors (0–6) of the answers. */
    public record Nps(Double score, long promoters, long passives, long detractors, long responses) {
    }

    /** Of the journeys closed in the period, the share the first contact resolved. */
    public record FirstContactResolution(Double rate, long journeysClosed, long journeysResolved, long resolvedAtFirstContact) {
    }

    /** Repeat contacts (failure demand) and their share of the touchpoints. */
    public record RepeatContacts(Double rate, long count) {
    }

    public record NegativeExperiences(long count, Double share, long bankCaused, Double bankCausedShare) {
    }

    /** needMetShare: of the journeys closed, the share resolved (the need met, at whatever contact). */
    public record Figures(long touchpoints, Csat csat, Nps nps, FirstContactResolution firstContactResolution,
            Double needMetShare, RepeatContacts repeatContacts, NegativeExperiences negativeExperiences) {

        static Figures of(CxCounts c) {
            return new Figures(c.touchpoints(), new Csat(c.csatAverage(), c.csatResponses()),
                    new Nps(c.nps(), c.promoters(), c.passives(), c.detractors(), c.npsResponses()),
                    new FirstContactResolution(c.firstContactResolutionRate(), c.journeysClosed(), c.journeysResolved(),
                            c.journeysFirstContactResolved()),
                    c.needMetShare(), new RepeatContacts(c.repeatContactRate(), c.repeatContacts()), negative(c));
        }
    }

    static NegativeExperiences negative(CxCounts c) {
        return new NegativeExperiences(c.negative(), c.negativeShare(), c.negativeBankCaused(), c.bankCausedShareOfNegative());
    }

    public record Metrics(LocalDate from, LocalDate to, Channel channel, String segment, Figures total, Map<Channel, Figures> byChannel,
            Map<CauseDetail, NegativeExperiences> byCauseDetail, Map<Need, Figures> byNeed) {
    }

    public record Period(LocalDate from, LocalDate to) {
    }

    public record Findings(Period period, Period previousPeriod, List<CauseFinding> bankCausedNegativeCauses,
            List<CsatFinding> fallingCsatChannels, List<RepeatContactFinding> highRepeatContactNeeds) {
    }

    @GET
    @Path("metrics")
    @Operation(summary = "CX metrics of a period (UTC days, inclusive): counts, CSAT, NPS, first-contact resolution, "
            + "repeat contacts, negative and bank-caused experiences, by channel, cause detail and need",
            description = "to defaults to today, from to crm.interaction.metrics.default-days before it; channel and "
                    + "segment (the client's segment when the touchpoint was recorded) narrow it. Read from daily "
                    + "counters kept in the recording transaction, so the cost does not grow with the touchpoints.")
    public Uni<Metrics> metrics(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("channel") String channel, @QueryParam("segment") String segment) {
        return monitor.metrics(date("from", from), date("to", to), QueryValues.enumeration(Channel.class, "channel", channel),
                segment(segment))
                .map(m -> {
                    Map<Channel, Figures> byChannel = new LinkedHashMap<>();
                    m.breakdown().byChannel().forEach((k, v) -> byChannel.put(k, Figures.of(v)));
                    Map<CauseDetail, NegativeExperiences> byCause = new LinkedHashMap<>();
                    m.breakdown().byCauseDetail().forEach((k, v) -> {
                        if (v.negative() > 0) {
                            byCause.put(k, negative(v));
                        }
                    });
                    Map<Need, Figures> byNeed = new LinkedHashMap<>();
                    m.breakdown().byNeed().forEach((k, v) -> byNeed.put(k, Figures.of(v)));
                    return new Metrics(m.period().from(), m.period().to(), m.channel(), m.segment(),
                            Figures.of(m.breakdown().total()),
                            byChannel, byCause, byNeed);
                });
    }

    @GET
    @Path("findings")
    @Operation(summary = "What needs attention: bank-caused negative experience causes ranked by count and trend, "
            + "channels with falling CSAT, needs with high repeat-contact rates",
            description = "The crm.interaction.findings.period-days ending on asOf (default today) against the same "
                    + "number of days before; thresholds crm.interaction.findings.*.")
    public Uni<Findings> findings(@QueryParam("asOf") String asOf) {
        return monitor.findings(date("asOf", asOf)).map(f -> new Findings(
                new Period(f.period().from(), f.period().to()),
                new Period(f.previousPeriod().from(), f.previousPeriod().to()),
                f.bankCausedNegativeCauses(), f.fallingCsatChannels(), f.highRepeatContactNeeds()));
    }

    private static String segment(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().matches("[A-Z][A-Z0-9_]{0,63}")) {
            throw ProblemException.invalidField("segment", "must be a segment code, e.g. YOUNG_FAMILIES");
        }
        return value.trim();
    }

    private static LocalDate date(String parameter, String value) {
        return QueryValues.date(parameter, value);
    }
}
