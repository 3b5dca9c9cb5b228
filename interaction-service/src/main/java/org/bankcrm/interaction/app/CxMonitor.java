package org.bankcrm.interaction.app;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.CxBreakdown;
import org.bankcrm.interaction.domain.CxFindingRules;
import org.bankcrm.interaction.domain.CxFindingRules.CauseFinding;
import org.bankcrm.interaction.domain.CxFindingRules.CsatFinding;
import org.bankcrm.interaction.domain.CxFindingRules.RepeatContactFinding;
import org.bankcrm.interaction.store.CxCounterStore;
import org.bankcrm.platform.problem.ProblemException;

import io.smallrye.mutiny.Uni;

/** CX metrics and monitoring findings, read from the daily counters (never by scanning touchpoints). */
@ApplicationScoped
public class CxMonitor {
    private final CxCounterStore counters;
    private final InteractionConfig config;
    private final CxFindingRules rules;
    private final Clock clock = Clock.systemUTC();

    public CxMonitor(CxCounterStore counters, InteractionConfig config) {
        this.counters = counters;
        this.config = config;
        var f = config.findings();
        this.rules = new CxFindingRules(f.csatDrop(), f.minCsatResponses(), f.repeatContactRate(), f.minTouchpoints());
    }

    public record Period(LocalDate from, LocalDate to) {
    }

    public record Metrics(Period period, Channel channel, String segment, CxBreakdown breakdown) {
    }

    public record Findings(Period period, Period previousPeriod, List<CauseFinding> bankCausedNegativeCauses,
            List<CsatFinding> fallingCsatChannels, List<RepeatContactFinding> highRepeatContactNeeds) {
    }

    /** The metrics of the UTC days from..to (inclusive); to defaults to today, from to the configured days before. */
    public Uni<Metrics> metrics(LocalDate from, LocalDate to, Channel channel, String segment) {
        LocalDate end = to != null ? to : today();
        LocalDate start = from != null ? from : end.minusDays(config.metrics().defaultDays() - 1L);
        if (start.isAfter(end)) {
            throw ProblemException.invalidField("from", "must not be after to (" + end + ")");
        }
        Period period = new Period(start, end);
        return counters.sums(start, end, channel, segment)
                .map(cells -> new Metrics(period, channel, segment, CxBreakdown.of(cells)));
    }

    /** What needs attention in the period ending on {@code asOf} (default today), against the period before. */
    public Uni<Findings> findings(LocalDate asOf) {
        LocalDate end = asOf != null ? asOf : today();
        int days = config.findings().periodDays();
        Period current = new Period(end.minusDays(days - 1L), end);
        Period previous = new Period(current.from().minusDays(days), current.from().minusDays(1));
        return counters.sums(current.from(), current.to(), null, null).map(CxBreakdown::of)
                .chain(now -> counters.sums(previous.from(), previous.to(), null, null).map(CxBreakdown::of)
                        .map(before -> new Findings(current, previous, rules.bankCausedNegativeCauses(now, before),
                                rules.fallingCsat(now, before), rules.highRepeatContactNeeds(now))));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
