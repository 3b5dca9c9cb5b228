package org.bankcrm.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a run found, three ways: the text report the command prints ({@code chaos-report.txt}), a Markdown page with the
 * machine and a table of the scenarios ({@code chaos-report.md}) and the same figures as JSON ({@code chaos.json}).
 */
final class Results {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The machine the run shared: cores, load average (1, 5, 15 min) at the start and the end, Java, OS. */
    record Machine(int cores, String loadAverageAtStart, String loadAverageAtEnd, String java, String os) {
        static String loadAverage() {
            try {
                String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return fields[0] + " " + fields[1] + " " + fields[2];
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }

        static Machine of(String loadAverageAtStart) {
            return new Machine(Runtime.getRuntime().availableProcessors(), loadAverageAtStart, loadAverage(),
                    System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        }

        String describe() {
            return String.format(Locale.ROOT, "%d cores, load average %s at the start and %s at the end (1, 5, 15 min), %s, %s",
                    cores, loadAverageAtStart, loadAverageAtEnd, java, os);
        }
    }

    /** The run: the command, when, where, the stack's start, the bank loaded, the scenarios in turn. */
    record Run(String command, Instant began, Instant ended, Machine machine, double stackStartSeconds, int serviceProcesses,
            int clients, double bankSeconds, List<ScenarioRun> scenarios) {
        boolean passed() {
            return !scenarios.isEmpty() && scenarios.stream().allMatch(ScenarioRun::passed);
        }
    }

    private Results() {
    }

    /** Writes chaos-report.txt, chaos-report.md and chaos.json into {@code directory}; returns the text report. */
    static String write(Run run, Path directory) throws IOException {
        String text = text(run);
        Files.writeString(directory.resolve("chaos-report.txt"), text);
        Files.writeString(directory.resolve("chaos-report.md"), markdown(run, text));
        Files.writeString(directory.resolve("chaos.json"), json(run));
        return text;
    }

    static String text(Run run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        p.printf(Locale.ROOT, "chaos: %s; each under load, then a catch-up and a reconciliation%n", String.join("; then ",
                run.scenarios().stream().map(s -> s.scenario().description).toList()));
        p.printf(Locale.ROOT, "  stack start (PostgreSQL, Kafka, %d service processes ready)  %.1f s; bank of %d clients loaded "
                + "and digested in %.1f s%n", run.serviceProcesses(), run.stackStartSeconds(), run.clients(), run.bankSeconds());
        for (ScenarioRun scenario : run.scenarios()) {
            p.print(scenario(scenario));
        }
        p.printf(Locale.ROOT, "summary%n  %-21s %6s %6s %8s %9s %7s %5s %6s %6s %6s %9s %9s %12s %10s %9s  %s%n", "scenario",
                "load s", "sent", "accepted", "decisions", "answers", "lost", "twice", "order", "DLQ", "ready", "lag back",
                "p99 load/max", "recovered", "caught up", "verdict");
        for (ScenarioRun s : run.scenarios()) {
            p.printf(Locale.ROOT, "  %-21s %6.0f %6d %8d %9d %7d %5d %6d %6d %6d %9s %9s %12s %10s %9s  %s%n", s.scenario().option,
                    s.loadSeconds(), s.load().sent(), s.load().accepted(), s.decisionLoad().decided(), s.decisionLoad().answered(),
                    s.lost(), s.appliedTwice(), s.outOfOrder(), s.deadLettered(), seconds(s.readyAfterFaultSeconds()),
                    seconds(s.lagBackSeconds()), Chaos.millis(s.decisionP99Ms()) + "/" + Chaos.millis(s.decisionP99PeakMs()),
                    seconds(s.timeToRecoverSeconds()), seconds(s.caughtUpSeconds()), s.passed() ? "PASS" : "FAIL");
        }
        p.printf(Locale.ROOT, "verdict: %s%n", run.passed() ? "PASS (every scenario: 0 lost, 0 applied twice, 0 out of order, "
                + "the DLQ holds exactly the poison sent, outboxes empty, caught up)" : "FAIL");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** One scenario's part of the text report. */
    static String scenario(ScenarioRun s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TouchpointLoad.Counts load = s.load();
        Reconciliation.Result r = s.reconciliation();
        p.printf(Locale.ROOT, "scenario %s: %s%n", s.scenario().option, s.scenario().description);
        p.printf(Locale.ROOT, "  load  %.0f s: %d touchpoints sent (%.1f/s), %d accepted (201 %d, 200 on a resend %d%s), "
                + "%d resends, %d given up (not accepted), %d refused (4xx), %d not sent (queue full)%n", s.loadSeconds(), load.sent(),
                s.loadSeconds() == 0 ? 0 : load.sent() / s.loadSeconds(), load.accepted(), load.created(), load.seenBefore(),
                load.acknowledged() == 0 ? "" : ", acknowledged on the ingest topic " + load.acknowledged(), load.resent(),
                load.givenUp(), load.refused(), load.notSent());
        BankLoad.Counts bank = s.bankLoad();
        if (!bank.accepted().isEmpty() || !bank.givenUp().isEmpty() || !bank.refused().isEmpty()) {
            p.printf(Locale.ROOT, "  bank load: accepted %s; given up %s; refused (4xx) %s%n", new TreeMap<>(bank.accepted()),
                    new TreeMap<>(bank.givenUp()), new TreeMap<>(bank.refused()));
        }
        DecisionLoad.Counts d = s.decisionLoad();
        if (d.asked() > 0) {
            p.printf(Locale.ROOT, "  decisions: %d asked (%.1f/s), %d decided (%d with actions), %d asked again, %d given up, %d not "
                    + "sent (queue full); answers: %d sent, %d accepted, %d sent again, %d given up; %d refused (4xx); decision p99 "
                    + "over the load %s%n", d.asked(), s.loadSeconds() == 0 ? 0 : d.asked() / s.loadSeconds(), d.decided(),
                    d.withActions(), d.decisionResends(), d.decisionsGivenUp(), d.notSent(), d.answersSent(), d.answered(),
                    d.answerResends(), d.answersGivenUp(), d.refused(), Chaos.millis(s.decisionP99Ms()));
        }
        p.printf(Locale.ROOT, "  %-22s %8s %18s %15s %11s %15s %11s %9s %22s%n", "fault", "pid", "ready after fault", "group lag peak",
                "lag before", "lag back after", "p99 before", "p99 peak", "recovered (+ p99<100ms)");
        for (ScenarioRun.Fault f : s.faults()) {
            p.printf(Locale.ROOT, "  %-22s %8s %18s %15d %11d %15s %11s %9s %22s%n", f.component(),
                    f.pid() < 0 ? "-" : String.valueOf(f.pid()),
                    f.readyAfterFaultSeconds() < 0 ? "not within 300 s" : seconds(f.readyAfterFaultSeconds()), f.peakLag(),
                    f.lagBefore(), f.lagBackAfterFaultSeconds() < 0 ? "not in the limit" : seconds(f.lagBackAfterFaultSeconds()),
                    Chaos.millis(f.p99BeforeMs()), Chaos.millis(f.p99PeakMs()),
                    f.recoveredAfterFaultSeconds() < 0 ? "not within the limit" : seconds(f.recoveredAfterFaultSeconds()));
        }
        p.printf(Locale.ROOT, "  caught up (every group's lag 0, every outbox published) %s after the load stopped%n",
                s.caughtUpSeconds() < 0 ? "NOT within " + Chaos.CATCH_UP_LIMIT.toMinutes() + " min" : seconds(s.caughtUpSeconds()));
        p.printf(Locale.ROOT, "  reconciliation (from the databases):%n");
        p.printf(Locale.ROOT, "    accepted touchpoints                         %d%n", r.accepted());
        p.printf(Locale.ROOT, "    recorded in interaction-service              %d   lost %d%n", r.recorded(), r.lost());
        p.printf(Locale.ROOT, "    crm.interaction.recorded per touchpoint      none %d, more than one %d%n", r.withoutEvent(),
                r.eventTwice());
        for (String service : r.appliedOnce().keySet()) {
            p.printf(Locale.ROOT, "    applied by %-16s (inbox per ce_id)  once %d, never %d, twice %d%n", service,
                    r.appliedOnce().get(service), r.notApplied().get(service), r.appliedTwice().get(service));
        }
        p.printf(Locale.ROOT, "    loyalty interaction count = events announced %d of %d clients differ%n", r.clientsCountsDiffer(),
                r.clientsCompared());
        Reconciliation.Order order = r.order();
        for (String consumer : order.behind().keySet()) {
            p.printf(Locale.ROOT, "    newest state held (applied_sequence = producer's last) %-34s %d of %d clients behind%n",
                    consumer, order.behind().get(consumer), order.compared().get(consumer));
        }
        p.printf(Locale.ROOT, "    offer-service's scores = loyalty-service's last score-changed  %d of %d clients differ%n",
                order.scoresDiffer(), order.scoresCompared());
        Reconciliation.Decisions dr = r.decisions();
        if (dr.decided() > 0) {
            p.printf(Locale.ROOT, "    decisions accepted %d: stored in offer-service %d; crm.offer.decided none %d, more than one %d; "
                    + "with actions %d, on the timeline (OFFER_PRESENTED) %d%n", dr.decided(), dr.stored(), dr.decidedEventNone(),
                    dr.decidedEventTwice(), dr.withActions(), dr.presented());
            p.printf(Locale.ROOT, "    answers accepted %d: recorded with that outcome %d; crm.offer.responded missing %d, more than "
                    + "one %d; on the timeline (OFFER_RESPONSE) %d%n", dr.answers(), dr.recorded(), dr.respondedEventNone(),
                    dr.respondedEventTwice(), dr.onTimeline());
            p.printf(Locale.ROOT, "    applied by interaction-service (inbox per ce_id of those offer events)  once %d, never %d, twice %d%n",
                    dr.inboxOnce(), dr.inboxNever(), dr.inboxTwice());
            p.printf(Locale.ROOT, "    model observations added %d, answers that teach a model %d%n", dr.learnt(), dr.toLearn());
        }
        if (dr.touchpointsDecidedOnce() + dr.touchpointsNotDecided() > 0) {
            p.printf(Locale.ROOT, "    touchpoints decided on by offer-service (trigger INTERACTION, causedBy)  once %d, never %d, "
                    + "twice %d%n", dr.touchpointsDecidedOnce(), dr.touchpointsNotDecided(), dr.touchpointsDecidedTwice());
        }
        Reconciliation.Bank b = r.bank();
        p.printf(Locale.ROOT, "    the bank's %d clients in every read model: missing %s; open products differ %s; consents differ "
                + "(offer-service) %d; kept financials differ (loyalty-service) %d%n", b.clients(), b.missing(), b.productsDiffer(),
                b.consentsDiffer(), b.financialsDiffer());
        p.printf(Locale.ROOT, "    unpublished outbox rows                      %s%n", r.unpublished());
        Poison.Check deadLetters = s.deadLetters();
        Map<String, Long> perTopic = new TreeMap<>();
        deadLetters.unexpected().forEach(letter -> perTopic.merge(letter.topic(), 1L, Long::sum));
        p.printf(Locale.ROOT, "    dead letters (the run so far): poison expected %d, found with its reason %d; other dead letters %d %s%n",
                deadLetters.expected(), deadLetters.matched().size(), deadLetters.unexpected().size(), perTopic);
        deadLetters.matched().forEach(m -> p.printf(Locale.ROOT, "      %s%n", shorten(m)));
        deadLetters.missing().forEach(m -> p.printf(Locale.ROOT, "      MISSING %s%n", m));
        deadLetters.unexpected().stream().limit(10).forEach(letter -> p.printf(Locale.ROOT, "      UNEXPECTED on %s (from %s-%d@%d): %s%n",
                letter.topic(), letter.originTopic(), letter.originPartition(), letter.originOffset(), shorten(letter.reason())));
        p.printf(Locale.ROOT, "  verdict: %s%n", s.passed() ? "PASS (0 lost, 0 applied twice, 0 out of order, "
                + (deadLetters.expected() == 0 ? "DLQ empty" : "DLQ holds exactly the poison") + ", outboxes empty)" : "FAIL");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String markdown(Run run, String text) {
        StringBuilder md = new StringBuilder();
        md.append("# crm chaos, ").append(run.began()).append(" to ").append(run.ended()).append("\n\n");
        md.append("`").append(run.command()).append("`: **").append(run.passed() ? "PASS" : "FAIL").append("**\n\n");
        md.append("Machine: ").append(run.machine().describe()).append(". Stack start (PostgreSQL, Kafka, ")
                .append(run.serviceProcesses()).append(" service processes) ")
                .append(seconds(run.stackStartSeconds())).append("; bank of ").append(run.clients()).append(" clients loaded in ")
                .append(seconds(run.bankSeconds())).append(".\n\n");
        md.append("| scenario | load | touchpoints sent | accepted | decisions | answers | lost | applied twice | out of order "
                + "| dead-lettered | ready after fault | lag back | decision p99 load / peak | time to recover | caught up | verdict |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioRun s : run.scenarios()) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f s | %d | %d | %d | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s |%n",
                    s.scenario().option, s.loadSeconds(), s.load().sent(), s.load().accepted(), s.decisionLoad().decided(),
                    s.decisionLoad().answered(), s.lost(), s.appliedTwice(), s.outOfOrder(), s.deadLettered(),
                    seconds(s.readyAfterFaultSeconds()), seconds(s.lagBackSeconds()),
                    Chaos.millis(s.decisionP99Ms()) + " / " + Chaos.millis(s.decisionP99PeakMs()), seconds(s.timeToRecoverSeconds()),
                    seconds(s.caughtUpSeconds()), s.passed() ? "PASS" : "FAIL"));
        }
        md.append("\n*Lag back*: from the fault until the struck consumer groups' lag is back at or under its highest in the "
                + "warm-up before the fault. *Time to recover*: from the fault until both the lag is back and the decision point's "
                + "p99 over a sliding " + Chaos.P99_WINDOW.toSeconds() + " s window (every `POST /decisions` attempt, a failed "
                + "one counted as 10 s) is under " + (int) Chaos.P99_TARGET_MS + " ms; \"-\" when that did not happen within the "
                + "recover limit (the slowest fault of the scenario). *Decision p99*: over the scenario's whole load, and the highest "
                + "of the sliding window after a fault. *Caught up*: from the load's stop until every group's lag is 0 and every "
                + "outbox published. *Lost* counts accepted touchpoints, decisions and answers not recorded, not announced or not "
                + "applied by a consumer (or a touchpoint no decision answered); *applied twice* anything announced, applied, "
                + "learnt or decided on twice; *out of order* clients whose newest state a consumer does not hold.\n\n");
        md.append("```\n").append(text).append("```\n");
        return md.toString();
    }

    static String json(Run run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", run.command());
        root.put("began", run.began().toString());
        root.put("ended", run.ended().toString());
        root.set("machine", JSON.valueToTree(run.machine()));
        root.put("stackStartSeconds", run.stackStartSeconds());
        root.put("serviceProcesses", run.serviceProcesses());
        root.put("clients", run.clients());
        root.put("bankSeconds", run.bankSeconds());
        root.put("passed", run.passed());
        root.put("decisionP99TargetMs", Chaos.P99_TARGET_MS);
        root.put("decisionP99WindowSeconds", Chaos.P99_WINDOW.toSeconds());
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioRun s : run.scenarios()) {
            ObjectNode n = scenarios.addObject();
            n.put("scenario", s.scenario().option);
            n.put("durationSeconds", s.loadSeconds());
            TouchpointLoad.Counts load = s.load();
            n.put("loadSent", load.sent());
            n.put("accepted", load.accepted());
            n.put("acceptedOverTopic", load.acknowledged());
            n.put("givenUp", load.givenUp());
            n.put("notSent", load.notSent());
            n.put("resends", load.resent());
            ObjectNode bank = n.putObject("bankLoadAccepted");
            new TreeMap<>(s.bankLoad().accepted()).forEach(bank::put);
            n.put("clientsReconciled", s.reconciliation().bank().clients());
            n.put("lost", s.lost());
            n.put("appliedTwice", s.appliedTwice());
            n.put("outOfOrder", s.outOfOrder());
            n.put("deadLettered", s.deadLettered());
            n.put("deadLetteredUnexpected", s.deadLetters().unexpected().size());
            n.put("poisonMissing", s.deadLetters().missing().size());
            n.put("unpublishedOutboxRows", s.reconciliation().unpublished().values().stream().mapToLong(Long::longValue).sum());
            DecisionLoad.Counts d = s.decisionLoad();
            n.put("decisionsAsked", d.asked());
            n.put("decisionsAccepted", d.decided());
            n.put("decisionsWithActions", d.withActions());
            n.put("decisionsGivenUp", d.decisionsGivenUp());
            n.put("answersSent", d.answersSent());
            n.put("answersAccepted", d.answered());
            n.put("answersGivenUp", d.answersGivenUp());
            Reconciliation.Decisions dr = s.reconciliation().decisions();
            n.put("modelObservationsAdded", dr.learnt());
            n.put("answersThatTeach", dr.toLearn());
            n.put("touchpointsDecidedOnce", dr.touchpointsDecidedOnce());
            putMillis(n, "decisionP99Ms", s.decisionP99Ms());
            putMillis(n, "decisionP99PeakAfterFaultMs", s.decisionP99PeakMs());
            n.put("readyAfterFaultSeconds", s.readyAfterFaultSeconds());
            n.put("lagBackSeconds", s.lagBackSeconds());
            n.put("timeToRecoverSeconds", s.timeToRecoverSeconds());
            n.put("caughtUpSeconds", s.caughtUpSeconds());
            n.put("passed", s.passed());
            ArrayNode faults = n.putArray("faults");
            for (ScenarioRun.Fault f : s.faults()) {
                faults.addObject().put("component", f.component()).put("pid", f.pid())
                        .put("readyAfterFaultSeconds", f.readyAfterFaultSeconds()).put("peakLag", f.peakLag())
                        .put("lagBefore", f.lagBefore()).put("lagBackAfterFaultSeconds", f.lagBackAfterFaultSeconds());
                ObjectNode fault = (ObjectNode) faults.get(faults.size() - 1);
                putMillis(fault, "decisionP99BeforeMs", f.p99BeforeMs());
                putMillis(fault, "decisionP99PeakMs", f.p99PeakMs());
                fault.put("recoveredAfterFaultSeconds", f.recoveredAfterFaultSeconds());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** NaN (not measured) as null: JSON has no NaN. */
    private static void putMillis(ObjectNode node, String field, double millis) {
        if (Double.isNaN(millis)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(millis * 10) / 10.0);
        }
    }

    /** "12.3 s", or "-" for -1 (not reached). */
    static String seconds(double seconds) {
        return seconds < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String shorten(String reason) {
        return reason == null ? "(no reason)" : reason.length() <= 160 ? reason : reason.substring(0, 160) + "…";
    }
}
