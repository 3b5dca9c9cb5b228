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
        p.printf(Locale.ROOT, "summary%n  %-21s %6s %6s %8s %5s %6s %6s %6s %9s %10s %9s  %s%n", "scenario", "load s", "sent",
                "accepted", "lost", "twice", "order", "DLQ", "ready", "recovered", "caught up", "verdict");
        for (ScenarioRun s : run.scenarios()) {
            p.printf(Locale.ROOT, "  %-21s %6.0f %6d %8d %5d %6d %6d %6d %9s %10s %9s  %s%n", s.scenario().option, s.loadSeconds(),
                    s.load().sent(), s.load().accepted(), s.lost(), s.appliedTwice(), s.outOfOrder(), s.deadLettered(),
                    seconds(s.readyAfterFaultSeconds()), seconds(s.timeToRecoverSeconds()), seconds(s.caughtUpSeconds()),
                    s.passed() ? "PASS" : "FAIL");
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
        p.printf(Locale.ROOT, "  %-22s %8s %18s %15s %11s %22s%n", "fault", "pid", "ready after fault", "group lag peak",
                "lag before", "recovered after fault");
        for (ScenarioRun.Fault f : s.faults()) {
            p.printf(Locale.ROOT, "  %-22s %8s %18s %15d %11d %22s%n", f.component(), f.pid() < 0 ? "-" : String.valueOf(f.pid()),
                    f.readyAfterFaultSeconds() < 0 ? "not within 300 s" : seconds(f.readyAfterFaultSeconds()), f.peakLag(),
                    f.lagBefore(), f.recoveredAfterFaultSeconds() < 0 ? "not within the limit" : seconds(f.recoveredAfterFaultSeconds()));
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
        Reconciliation.Bank b = r.bank();
        p.printf(Locale.ROOT, "    the bank's %d clients in every read model: missing %s; open products differ %s; consents differ "
                + "(offer-service) %d; kept financials differ (loyalty-service) %d%n", b.clients(), b.missing(), b.productsDiffer(),
                b.consentsDiffer(), b.financialsDiffer());
        p.printf(Locale.ROOT, "    unpublished outbox rows                      %s%n", r.unpublished());
        Poison.Check deadLetters = s.deadLetters();
        Map<String, Long> perTopic = new TreeMap<>();
        deadLetters.unexpected().forEach(d -> perTopic.merge(d.topic(), 1L, Long::sum));
        p.printf(Locale.ROOT, "    dead letters (the run so far): poison expected %d, found with its reason %d; other dead letters %d %s%n",
                deadLetters.expected(), deadLetters.matched().size(), deadLetters.unexpected().size(), perTopic);
        deadLetters.matched().forEach(m -> p.printf(Locale.ROOT, "      %s%n", shorten(m)));
        deadLetters.missing().forEach(m -> p.printf(Locale.ROOT, "      MISSING %s%n", m));
        deadLetters.unexpected().stream().limit(10).forEach(d -> p.printf(Locale.ROOT, "      UNEXPECTED on %s (from %s-%d@%d): %s%n",
                d.topic(), d.originTopic(), d.originPartition(), d.originOffset(), shorten(d.reason())));
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
        md.append("| scenario | load | sent | accepted | lost | applied twice | out of order | dead-lettered | ready after fault "
                + "| time to recover | caught up | verdict |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioRun s : run.scenarios()) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f s | %d | %d | %d | %d | %d | %d | %s | %s | %s | %s |%n",
                    s.scenario().option, s.loadSeconds(), s.load().sent(), s.load().accepted(), s.lost(), s.appliedTwice(),
                    s.outOfOrder(), s.deadLettered(), seconds(s.readyAfterFaultSeconds()), seconds(s.timeToRecoverSeconds()),
                    seconds(s.caughtUpSeconds()), s.passed() ? "PASS" : "FAIL"));
        }
        md.append("\n*Time to recover*: from the fault until the struck consumer groups' lag is back at or under its highest "
                + "in the warm-up before the fault (the slowest fault of the scenario). *Caught up*: from the load's stop until "
                + "every group's lag is 0 and every outbox published. *Lost* counts accepted touchpoints not recorded or not "
                + "applied by a consumer; *out of order* clients whose newest state a consumer does not hold.\n\n");
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
            n.put("readyAfterFaultSeconds", s.readyAfterFaultSeconds());
            n.put("timeToRecoverSeconds", s.timeToRecoverSeconds());
            n.put("caughtUpSeconds", s.caughtUpSeconds());
            n.put("passed", s.passed());
            ArrayNode faults = n.putArray("faults");
            for (ScenarioRun.Fault f : s.faults()) {
                faults.addObject().put("component", f.component()).put("pid", f.pid())
                        .put("readyAfterFaultSeconds", f.readyAfterFaultSeconds()).put("peakLag", f.peakLag())
                        .put("lagBefore", f.lagBefore()).put("recoveredAfterFaultSeconds", f.recoveredAfterFaultSeconds());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
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
