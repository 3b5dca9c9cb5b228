package org.bankcrm.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The short version of {@code crm chaos} in {@code ./mvnw verify} (issue 21): the packaged CRM with two replicas of
 * loyalty-service (one consumer group), touchpoints at 5/s over REST and the ingest topic, SIGKILL to one replica in the
 * middle of them, started again after 10 s, and channels asking for decisions (1/s) and answering half of them; then the catch-up and the reconciliation from the databases. Every accepted
 * touchpoint must be recorded once and applied exactly once by loyalty- and offer-service, every consumer of state must
 * hold each client's newest state, nothing may be dead-lettered and no outbox row left. The stack's log and the reports
 * stay under {@code deploy/chaos/target/verify-run-<time>/}.
 */
class ReplicaKillUnderLoadTest {

    @Test
    void killingAConsumerReplicaUnderLoadLosesNothingAndAppliesNothingTwice() throws Exception {
        Path root = Path.of(System.getProperty("crm.project.root", "../..")).toAbsolutePath().normalize();
        Path home = root.resolve("deploy/chaos/target/verify-run-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()
                .replace(":", ""));
        Files.createDirectories(home);
        String[] args = { "--scenario", "replica-kill", "--replicas", "1,loyalty-service=2", "--clients", "5", "--bare-bank",
                "--rate", "5", "--topic-share", "0.25", "--warm", "10", "--down", "5", "--settle", "5", "--recover-limit", "10",
                "--decision-rate", "1" };
        long began = System.nanoTime();
        Results.Run run;
        try (PrintStream log = new PrintStream(Files.newOutputStream(home.resolve("chaos.log")), true, StandardCharsets.UTF_8)) {
            run = new Chaos(Chaos.Options.parse(args), root, home, "crm chaos " + String.join(" ", args), log).run();
        }
        System.out.printf("[chaos] the short run took %.0f s (stack and reports in %s)%n%s", (System.nanoTime() - began) / 1e9, home,
                Results.text(run));

        assertEquals(1, run.scenarios().size());
        ScenarioRun kill = run.scenarios().get(0);
        List<ScenarioRun.Fault> faults = kill.faults();
        assertEquals(1, faults.size(), "one replica killed");
        assertEquals("loyalty-service#1", faults.get(0).component());
        assertTrue(faults.get(0).pid() > 0, "the replica ran before the kill");
        assertTrue(faults.get(0).readyAfterFaultSeconds() > 0, "the killed replica came back");
        assertTrue(kill.load().accepted() >= 50, "touchpoints were accepted around the kill: " + kill.load());
        assertTrue(kill.load().acknowledged() > 0, "some came over the ingest topic: " + kill.load());
        Reconciliation.Result r = kill.reconciliation();
        assertEquals(kill.load().accepted(), r.accepted());
        assertEquals(0, r.lost(), "accepted touchpoints not recorded");
        assertEquals(0, kill.lost(), "accepted touchpoints not applied by a consumer");
        assertEquals(0, kill.appliedTwice(), "touchpoints applied twice");
        assertEquals(r.accepted(), r.appliedOnce().get("loyalty-service"), "each applied once by loyalty-service");
        assertEquals(r.accepted(), r.appliedOnce().get("offer-service"), "each applied once by offer-service");
        assertEquals(0, r.clientsCountsDiffer(), "loyalty's interaction count per client = the events announced");
        assertTrue(r.order().compared().values().stream().allMatch(n -> n > 0), "clients compared: " + r.order());
        assertTrue(r.order().scoresCompared() > 0, "scores compared: " + r.order());
        assertEquals(0, kill.outOfOrder(), "clients whose newest state a consumer does not hold: " + r.order());
        assertTrue(kill.deadLetters().clean(), "dead letters: " + kill.deadLetters());
        assertTrue(kill.caughtUpSeconds() >= 0, "every group and outbox caught up after the load");
        // the channels' decisions and answers under the same kill: each stored, announced and applied once, each
        // touchpoint decided on by exactly one event-chain decision
        Reconciliation.Decisions d = r.decisions();
        assertTrue(d.decided() > 0, "decisions accepted: " + kill.decisionLoad());
        assertEquals(d.decided(), d.stored(), "decisions stored");
        assertEquals(0, d.lost(), "decisions, answers or touchpoints' decisions lost: " + d);
        assertEquals(0, d.doubled(), "decisions, answers or touchpoints' decisions doubled: " + d);
        assertEquals(r.accepted(), d.touchpointsDecidedOnce(), "each touchpoint decided on once: " + d);
        assertTrue(r.clean() && kill.passed() && run.passed(), Results.text(run));
        assertTrue(Files.exists(home.resolve("chaos.json")) && Files.exists(home.resolve("chaos-report.md")));
    }
}
