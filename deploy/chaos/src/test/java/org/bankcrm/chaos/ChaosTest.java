package org.bankcrm.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChaosTest {

    @Test
    void optionsHaveTheBriefsDefaultsAndRefuseASingleReplicaForTheKillScenario() {
        Chaos.Options defaults = Chaos.Options.parse(new String[0]);
        assertEquals(20, defaults.rate());
        assertEquals(2, defaults.replicas());
        assertEquals(List.of(Scenario.REPLICA_KILL), defaults.scenarios());
        assertEquals(10, defaults.downSeconds(Scenario.REPLICA_KILL));

        assertEquals(3, Chaos.Options.parse(new String[] { "--replicas", "3", "--rate", "5" }).replicas());
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--replicas", "1" }));
        assertEquals(1, Chaos.Options.parse(new String[] { "--check-replicas", "--replicas", "1" }).replicas());
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--rate" }));
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--bogus" }));
    }

    @Test
    void theOutageScenarioKillsAWholeServiceAndWaitsTwentySecondsUnlessTold() {
        Chaos.Options outage = Chaos.Options.parse(new String[] { "--outage" });
        assertEquals(List.of(Scenario.OUTAGE), outage.scenarios());
        assertEquals(20, outage.downSeconds(Scenario.OUTAGE));
        assertEquals(5, Chaos.Options.parse(new String[] { "--outage", "--down", "5" }).downSeconds(Scenario.OUTAGE));
        // a whole service goes down anyway: one replica is enough
        assertEquals(1, Chaos.Options.parse(new String[] { "--outage", "--replicas", "1" }).replicas());
        TouchpointLoad.Counts load = new TouchpointLoad.Counts(10, 10, 10, 0, 0, 0, 0, 0, 0);
        Reconciliation.Result clean = new Reconciliation.Result(10, 10, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 1, Map.of());
        String report = Chaos.report(List.of(Scenario.OUTAGE), load, 10, List.of(new Chaos.Fault("offer-service", -1, 25.0, 30, 2.0)),
                clean, NO_DEAD_LETTERS, 1, 60, 1);
        assertTrue(report.contains("every replica of one service at once") && report.contains("offer-service"), report);
    }

    @Test
    void theReportFailsOnALostTouchpointAndPassesWhenEverythingReconciles() {
        TouchpointLoad.Counts load = new TouchpointLoad.Counts(100, 98, 97, 1, 4, 2, 0, 0, 0);
        List<Chaos.Fault> faults = List.of(new Chaos.Fault("loyalty-service#1", 42, 14.2, 60, 3.0));
        Reconciliation.Result clean = new Reconciliation.Result(98, 98, 0, 0, 0, Map.of("loyalty-service", 98),
                Map.of("loyalty-service", 0), Map.of("loyalty-service", 0), 0, 40, Map.of("interaction-service", 0L));
        Reconciliation.Result lost = new Reconciliation.Result(98, 97, 1, 0, 0, Map.of("loyalty-service", 97),
                Map.of("loyalty-service", 0), Map.of("loyalty-service", 0), 0, 40, Map.of("interaction-service", 0L));

        Poison.Check oneDeadLetter = Poison.check(List.of(), List.of(new Poison.DeadLetter("crm.interaction.events.v1.dlq",
                "crm.interaction.events.v1", 0, 7, "loyalty-service/interaction-events: boom")));
        List<Scenario> kill = List.of(Scenario.REPLICA_KILL);
        String passed = Chaos.report(kill, load, 100, faults, clean, NO_DEAD_LETTERS, 4.5, 60, 1);
        String failed = Chaos.report(kill, load, 100, faults, lost, NO_DEAD_LETTERS, 4.5, 60, 1);
        String dlq = Chaos.report(kill, load, 100, faults, clean, oneDeadLetter, 4.5, 60, 1);

        assertTrue(passed.contains("verdict: PASS"), passed);
        assertTrue(passed.contains("loyalty-service#1"), passed);
        assertTrue(failed.contains("lost 1") && failed.contains("verdict: FAIL"), failed);
        assertTrue(dlq.contains("verdict: FAIL") && dlq.contains("crm.interaction.events.v1.dlq=1"), dlq);
    }

    private static final Poison.Check NO_DEAD_LETTERS = Poison.check(List.of(), List.of());

    @Test
    void scenariosAreChosenByNameEachWithItsOwnDownTimeAndTheDatabaseProxyOnlyWhenOneNeedsIt() {
        Chaos.Options infra = Chaos.Options.parse(new String[] { "--scenario", "broker-kill,broker-stop", "--scenario",
                "postgres-unreachable", "--replicas", "1" });
        assertEquals(List.of(Scenario.BROKER_KILL, Scenario.BROKER_STOP, Scenario.POSTGRES_UNREACHABLE), infra.scenarios());
        assertEquals(15, infra.downSeconds(Scenario.BROKER_KILL));
        assertEquals(30, infra.downSeconds(Scenario.POSTGRES_UNREACHABLE));
        assertTrue(infra.needsDatabaseProxy());
        assertFalse(Chaos.Options.parse(new String[] { "--scenario", "postgres-fast,postgres-immediate" }).needsDatabaseProxy());
        assertEquals(7, Chaos.Options.parse(new String[] { "--scenario", "poison", "--down", "7" }).downSeconds(Scenario.POSTGRES_FAST));
        assertEquals(List.of(Scenario.values()), Chaos.Options.parse(new String[] { "--scenario", "all" }).scenarios());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Chaos.Options.parse(new String[] { "--scenario", "meteor" }));
        assertTrue(unknown.getMessage().contains("broker-kill"), unknown.getMessage());
        // the single replica of the kill scenario is refused even when it comes second
        assertThrows(IllegalArgumentException.class,
                () -> Chaos.Options.parse(new String[] { "--scenario", "poison,replica-kill", "--replicas", "1" }));
    }

    @Test
    void eachScenarioStrikesItsTargetsInTurn() {
        Chaos chaos = new Chaos(Chaos.Options.parse(new String[0]), Path.of("."), System.out);
        List<String> services = List.of("client-service", "interaction-service", "loyalty-service", "offer-service");
        assertEquals(List.of("client-service#1", "interaction-service#2", "loyalty-service#1", "offer-service#2"),
                chaos.targets(Scenario.REPLICA_KILL, services));
        assertEquals(services, chaos.targets(Scenario.OUTAGE, services));
        assertEquals(List.of("kafka"), chaos.targets(Scenario.BROKER_STOP, services));
        assertEquals(List.of("postgres"), chaos.targets(Scenario.POSTGRES_IMMEDIATE, services));
        assertEquals(List.of("crm.touchpoint.ingest.v1"), chaos.targets(Scenario.POISON, services));
        assertEquals(List.of("loyalty-service"), chaos.targets(Scenario.REBALANCE_STORM, services));
        assertTrue(Scenario.BROKER_KILL.infrastructure() && Scenario.POISON.infrastructure());
        assertFalse(Scenario.OUTAGE.infrastructure() || Scenario.REBALANCE_STORM.infrastructure(), "one service's group is watched");
        assertThrows(IllegalArgumentException.class,
                () -> Chaos.Options.parse(new String[] { "--scenario", "rebalance-storm", "--replicas", "1" }));
        assertEquals(60, Chaos.Options.parse(new String[] { "--scenario", "rebalance-storm" }).downSeconds(Scenario.REBALANCE_STORM));
    }

    @Test
    void aShareOfTheTouchpointsGoesOverTheIngestTopicOnlyWhenAsked() {
        assertEquals(0, Chaos.Options.parse(new String[0]).topicEvery());
        assertEquals(4, Chaos.Options.parse(new String[] { "--topic-share", "0.25" }).topicEvery());
        assertEquals(1, Chaos.Options.parse(new String[] { "--topic-share", "1" }).topicEvery());
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--topic-share", "1.5" }));
        TouchpointLoad.Counts load = new TouchpointLoad.Counts(10, 10, 7, 0, 0, 0, 0, 0, 3);
        Reconciliation.Result clean = new Reconciliation.Result(10, 10, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 1, Map.of());
        String report = Chaos.report(List.of(Scenario.BROKER_KILL), load, 10, List.of(), clean, NO_DEAD_LETTERS, 1, 60, 1);
        assertTrue(report.contains("10 accepted (201 7, 200 on a resend 0, acknowledged on the ingest topic 3)"), report);
    }

    @Test
    void theDeadLetterTopicMustHoldExactlyThePoisonEachWithItsReason() {
        List<Poison.Sent> sent = List.of(new Poison.Sent("malformed JSON", "not valid JSON", 1, 40, 60),
                new Poison.Sent("near the size limit", "notes", 2, 41, 1_000_300));
        Poison.DeadLetter malformed = new Poison.DeadLetter(Poison.DEAD_LETTER_TOPIC, Poison.TOPIC, 1, 40,
                "interaction-service/touchpoint-ingest: event data is not valid JSON: Unexpected end-of-input");
        Poison.DeadLetter large = new Poison.DeadLetter(Poison.DEAD_LETTER_TOPIC, Poison.TOPIC, 2, 41,
                "interaction-service/touchpoint-ingest: notes: at most 4000 characters");
        Poison.DeadLetter other = new Poison.DeadLetter("crm.client.events.v1.dlq", "crm.client.events.v1", 0, 3, "boom");

        Poison.Check exact = Poison.check(sent, List.of(large, malformed));
        assertTrue(exact.clean());
        assertEquals(2, exact.matched().size());

        Poison.Check extra = Poison.check(sent, List.of(large, malformed, other));
        assertFalse(extra.clean());
        assertEquals(List.of(other), extra.unexpected());

        Poison.Check missing = Poison.check(sent, List.of(malformed));
        assertFalse(missing.clean());
        assertTrue(missing.missing().get(0).startsWith("near the size limit"), missing.missing().toString());

        Poison.DeadLetter wrongReason = new Poison.DeadLetter(Poison.DEAD_LETTER_TOPIC, Poison.TOPIC, 2, 41, "timeout");
        Poison.Check wrong = Poison.check(sent, List.of(malformed, wrongReason));
        assertFalse(wrong.clean());
        assertTrue(wrong.missing().get(0).contains("does not say 'notes'"), wrong.missing().toString());

        TouchpointLoad.Counts load = new TouchpointLoad.Counts(10, 10, 10, 0, 0, 0, 0, 0, 0);
        Reconciliation.Result clean = new Reconciliation.Result(10, 10, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 1, Map.of());
        String passed = Chaos.report(List.of(Scenario.POISON), load, 10, List.of(), clean, exact, 1, 60, 1);
        assertTrue(passed.contains("poison expected 2, found with its reason 2; other dead letters 0"), passed);
        assertTrue(passed.contains("verdict: PASS") && passed.contains("DLQ holds exactly the poison"), passed);
        assertTrue(passed.contains("near the size limit: interaction-service/touchpoint-ingest: notes"), passed);
        String failed = Chaos.report(List.of(Scenario.POISON), load, 10, List.of(), clean, extra, 1, 60, 1);
        assertTrue(failed.contains("UNEXPECTED on crm.client.events.v1.dlq") && failed.contains("verdict: FAIL"), failed);
    }
}
