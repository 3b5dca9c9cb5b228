package org.bankcrm.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ChaosTest {

    @Test
    void optionsHaveTheBriefsDefaultsAndRefuseASingleReplicaForTheKillScenario() {
        Chaos.Options defaults = Chaos.Options.parse(new String[0]);
        assertEquals(20, defaults.rate());
        assertEquals(2, defaults.replicasOf("loyalty-service"));
        assertEquals(8, defaults.serviceProcesses());
        assertEquals(List.of(Scenario.REPLICA_KILL), defaults.scenarios());
        assertEquals(10, defaults.downSeconds(Scenario.REPLICA_KILL));

        assertEquals(3, Chaos.Options.parse(new String[] { "--replicas", "3", "--rate", "5" }).replicasOf("offer-service"));
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--replicas", "1" }));
        assertEquals(1, Chaos.Options.parse(new String[] { "--check-replicas", "--replicas", "1" }).replicasOf("client-service"));
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
        assertEquals(1, Chaos.Options.parse(new String[] { "--outage", "--replicas", "1" }).replicasOf("offer-service"));
        TouchpointLoad.Counts load = new TouchpointLoad.Counts(10, 10, 10, 0, 0, 0, 0, 0, 0);
        String report = Results.text(run(new ScenarioRun(Scenario.OUTAGE, 10, load, NO_BANK_LOAD,
                List.of(new ScenarioRun.Fault("offer-service", -1, 25.0, 30, 8, 27.0)), clean(10), NO_DEAD_LETTERS, 0, 1)));
        assertTrue(report.contains("every replica of one service at once") && report.contains("offer-service"), report);
    }

    @Test
    void theReportFailsOnALostTouchpointAndPassesWhenEverythingReconciles() {
        TouchpointLoad.Counts load = new TouchpointLoad.Counts(100, 98, 97, 1, 4, 2, 0, 0, 0);
        List<ScenarioRun.Fault> faults = List.of(new ScenarioRun.Fault("loyalty-service#1", 42, 14.2, 60, 12, 23.0));
        Reconciliation.Result clean = new Reconciliation.Result(98, 98, 0, 0, 0, Map.of("loyalty-service", 98),
                Map.of("loyalty-service", 0), Map.of("loyalty-service", 0), 0, 40, Map.of("interaction-service", 0L), IN_ORDER, BANK);
        Reconciliation.Result lost = new Reconciliation.Result(98, 97, 1, 0, 0, Map.of("loyalty-service", 97),
                Map.of("loyalty-service", 0), Map.of("loyalty-service", 0), 0, 40, Map.of("interaction-service", 0L), IN_ORDER, BANK);

        Poison.Check oneDeadLetter = Poison.check(List.of(), List.of(new Poison.DeadLetter("crm.interaction.events.v1.dlq",
                "crm.interaction.events.v1", 0, 7, "loyalty-service/interaction-events: boom")));
        String passed = Results.text(run(new ScenarioRun(Scenario.REPLICA_KILL, 100, load, NO_BANK_LOAD, faults, clean, NO_DEAD_LETTERS, 0, 4.5)));
        String failed = Results.text(run(new ScenarioRun(Scenario.REPLICA_KILL, 100, load, NO_BANK_LOAD, faults, lost, NO_DEAD_LETTERS, 0, 4.5)));
        String dlq = Results.text(run(new ScenarioRun(Scenario.REPLICA_KILL, 100, load, NO_BANK_LOAD, faults, clean, oneDeadLetter, 1, 4.5)));
        String slow = Results.text(run(new ScenarioRun(Scenario.REPLICA_KILL, 100, load, NO_BANK_LOAD, faults, clean, NO_DEAD_LETTERS, 0, -1)));

        assertTrue(passed.contains("verdict: PASS"), passed);
        assertTrue(passed.contains("loyalty-service#1") && passed.contains("23.0 s"), passed);
        assertTrue(failed.contains("lost 1") && failed.contains("verdict: FAIL"), failed);
        assertTrue(dlq.contains("verdict: FAIL") && dlq.contains("crm.interaction.events.v1.dlq=1"), dlq);
        assertTrue(slow.contains("NOT within 5 min") && slow.contains("verdict: FAIL"), slow);
    }

    @Test
    void anOlderStateHeldByAConsumerIsOutOfOrderAndFailsTheScenario() {
        Reconciliation.Order behind = new Reconciliation.Order(Map.of("offer-service/client-events", 1),
                Map.of("offer-service/client-events", 10), 0, 10);
        Reconciliation.Order scores = new Reconciliation.Order(Map.of("offer-service/client-events", 0),
                Map.of("offer-service/client-events", 10), 2, 10);
        TouchpointLoad.Counts load = new TouchpointLoad.Counts(10, 10, 10, 0, 0, 0, 0, 0, 0);
        ScenarioRun one = new ScenarioRun(Scenario.BROKER_KILL, 10, load, NO_BANK_LOAD, List.of(), withOrder(behind), NO_DEAD_LETTERS, 0, 1);
        ScenarioRun two = new ScenarioRun(Scenario.BROKER_KILL, 10, load, NO_BANK_LOAD, List.of(), withOrder(scores), NO_DEAD_LETTERS, 0, 1);

        assertEquals(1, one.outOfOrder());
        assertEquals(2, two.outOfOrder());
        assertFalse(one.passed() || two.passed());
        String report = Results.scenario(one);
        assertTrue(report.contains("offer-service/client-events") && report.contains("1 of 10 clients behind"), report);
        assertTrue(Results.scenario(two).contains("2 of 10 clients differ"), Results.scenario(two));
    }

    @Test
    void loyaltysKeptMonthsOfFinancialsReadAsClientServicesFigures() {
        assertEquals(Map.of("2026-11", "1250.00/20", "2026-10", "250.50/0"),
                Reconciliation.keptMonths("2026-11=1250.0=20=1000.0;2026-10=250.5=0"));
        assertEquals(Map.of(), Reconciliation.keptMonths(""));
        Reconciliation.Bank stale = new Reconciliation.Bank(10, Map.of("offer-service", 0), Map.of("loyalty-service", 1), 0, 1);
        Reconciliation.Bank lostOne = new Reconciliation.Bank(10, Map.of("interaction-service", 1), Map.of(), 0, 0);
        assertEquals(2, stale.notLast());
        assertEquals(1, lostOne.lost());
        assertFalse(new Reconciliation.Result(1, 1, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 1, Map.of(), IN_ORDER, stale).clean());
        assertFalse(new Reconciliation.Result(1, 1, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 1, Map.of(), IN_ORDER, lostOne).clean());
    }

    @Test
    void theRunIsWrittenAsJsonAndAMarkdownTableWithTheMachine(@org.junit.jupiter.api.io.TempDir Path directory) throws Exception {
        TouchpointLoad.Counts load = new TouchpointLoad.Counts(300, 299, 220, 4, 9, 1, 0, 0, 75);
        ScenarioRun kill = new ScenarioRun(Scenario.REPLICA_KILL, 61, load, NO_BANK_LOAD,
                List.of(new ScenarioRun.Fault("loyalty-service#1", 4242, 31.5, 140, 20, 44.0)), clean(299), NO_DEAD_LETTERS, 0, 6.5);
        ScenarioRun poison = new ScenarioRun(Scenario.POISON, 20, load, NO_BANK_LOAD, List.of(new ScenarioRun.Fault("poison", -1, 0.3, 30, 20, -1)),
                clean(299), NO_DEAD_LETTERS, 4, 6.0);
        Results.Run run = new Results.Run("crm chaos --quick", Instant.parse("2026-12-06T21:00:00Z"),
                Instant.parse("2026-12-06T21:04:30Z"), new Results.Machine(2, "3.1 2.0 1.0", "4.0 3.0 2.0", "Java 17", "Linux"),
                70.2, 5, 10, 12.5, List.of(kill, poison));

        String text = Results.write(run, directory);
        JsonNode json = new ObjectMapper().readTree(Files.readString(directory.resolve("chaos.json")));
        String markdown = Files.readString(directory.resolve("chaos-report.md"));

        assertEquals(text, Files.readString(directory.resolve("chaos-report.txt")));
        assertEquals(2, json.path("machine").path("cores").asInt());
        assertEquals("replica-kill", json.path("scenarios").path(0).path("scenario").asText());
        assertEquals(300, json.path("scenarios").path(0).path("loadSent").asLong());
        assertEquals(299, json.path("scenarios").path(0).path("accepted").asLong());
        assertEquals(0, json.path("scenarios").path(0).path("lost").asLong());
        assertEquals(0, json.path("scenarios").path(0).path("appliedTwice").asLong());
        assertEquals(0, json.path("scenarios").path(0).path("outOfOrder").asLong());
        assertEquals(44.0, json.path("scenarios").path(0).path("timeToRecoverSeconds").asDouble());
        assertEquals(4, json.path("scenarios").path(1).path("deadLettered").asLong());
        assertEquals(-1.0, json.path("scenarios").path(1).path("timeToRecoverSeconds").asDouble(), "not recovered in time");
        assertTrue(json.path("passed").asBoolean());
        assertTrue(markdown.contains("| replica-kill | 61 s | 300 | 299 | 0 | 0 | 0 | 0 | 0 | 0 | 31.5 s | 44.0 s | - / - | 44.0 s | 6.5 s "
                + "| PASS |"), markdown);
        assertTrue(markdown.contains("2 cores, load average 3.1 2.0 1.0 at the start"), markdown);
        assertTrue(text.contains("summary") && text.contains("verdict: PASS"), text);
    }

    private static final BankLoad.Counts NO_BANK_LOAD = new BankLoad.Counts(Map.of(), Map.of(), Map.of());
    private static final Reconciliation.Bank BANK = new Reconciliation.Bank(10, Map.of("offer-service", 0),
            Map.of("offer-service", 0), 0, 0);

    private static final Reconciliation.Order IN_ORDER = new Reconciliation.Order(Map.of("offer-service/loyalty-events", 0),
            Map.of("offer-service/loyalty-events", 10), 0, 10);

    private static Reconciliation.Result clean(int accepted) {
        return new Reconciliation.Result(accepted, accepted, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 1, Map.of(), IN_ORDER, BANK);
    }

    private static Reconciliation.Result withOrder(Reconciliation.Order order) {
        return new Reconciliation.Result(10, 10, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 1, Map.of(), order, BANK);
    }

    private static Results.Run run(ScenarioRun scenario) {
        return new Results.Run("crm chaos", Instant.EPOCH, Instant.EPOCH, new Results.Machine(2, "1 1 1", "1 1 1", "Java", "Linux"),
                60, 8, 10, 10, List.of(scenario));
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
        // one service with two replicas is enough
        assertEquals(2, Chaos.Options.parse(new String[] { "--replicas", "1,loyalty-service=2" }).replicasOf("loyalty-service"));
    }

    @Test
    void quickRunsAFewScenariosOnOneReplicatedConsumerUnlessToldOtherwise() {
        Chaos.Options quick = Chaos.Options.parse(new String[] { "--quick" });
        assertEquals(List.of(Scenario.REPLICA_KILL, Scenario.BROKER_KILL, Scenario.POSTGRES_IMMEDIATE, Scenario.POISON),
                quick.scenarios());
        assertEquals(5, quick.rate());
        assertEquals(2, quick.replicasOf("loyalty-service"));
        assertEquals(1, quick.replicasOf("offer-service"));
        assertEquals(5, quick.serviceProcesses());
        assertEquals(5, quick.downSeconds(Scenario.POSTGRES_IMMEDIATE));
        assertTrue(quick.bareBank() && quick.bankRate() == 1, "the bank's side in the load, its history not loaded");
        assertEquals(4, quick.topicEvery());
        Chaos chaos = new Chaos(quick, Path.of("."), System.out);
        List<String> services = List.of("client-service", "interaction-service", "loyalty-service", "offer-service");
        assertEquals(List.of("loyalty-service#1"), chaos.targets(Scenario.REPLICA_KILL, services), "only the replicated service");
        Chaos.Options changed = Chaos.Options.parse(new String[] { "--quick", "--rate", "8", "--scenario", "outage" });
        assertEquals(8, changed.rate());
        assertEquals(List.of(Scenario.OUTAGE), changed.scenarios());
        assertThrows(IllegalArgumentException.class,
                () -> Chaos.Options.parse(new String[] { "--quick", "--scenario", "rebalance-storm", "--replicas", "1,offer-service=2" }));
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
        String report = Results.scenario(new ScenarioRun(Scenario.BROKER_KILL, 10, load, NO_BANK_LOAD, List.of(), clean(10), NO_DEAD_LETTERS, 0, 1));
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
        String passed = Results.scenario(new ScenarioRun(Scenario.POISON, 10, load, NO_BANK_LOAD, List.of(), clean(10), exact, 2, 1));
        assertTrue(passed.contains("poison expected 2, found with its reason 2; other dead letters 0"), passed);
        assertTrue(passed.contains("verdict: PASS") && passed.contains("DLQ holds exactly the poison"), passed);
        assertTrue(passed.contains("near the size limit: interaction-service/touchpoint-ingest: notes"), passed);
        String failed = Results.scenario(new ScenarioRun(Scenario.POISON, 10, load, NO_BANK_LOAD, List.of(), clean(10), extra, 3, 1));
        assertTrue(failed.contains("UNEXPECTED on crm.client.events.v1.dlq") && failed.contains("verdict: FAIL"), failed);
    }

    @Test
    void theDecisionP99IsTheNearestRankOfASlidingWindowAndAFailedAttemptCountsAsTenSeconds() {
        DecisionLatency latency = new DecisionLatency(60_000_000_000L);
        long s = 1_000_000_000L;
        for (int i = 1; i <= 9; i++) {
            latency.answered(i * s, 20);
        }
        assertTrue(Double.isNaN(latency.p99(10 * s, 10 * s)), "9 samples say nothing");
        latency.answered(10 * s, 30);
        assertEquals(30, latency.p99(10 * s, 10 * s));
        latency.failed(11 * s, 2_000); // no answer after 2 s: counted as 10 s
        assertEquals(DecisionLatency.FAILED_MILLIS, latency.p99(11 * s, 11 * s));
        // 100 answered samples of 10..1000 ms: the 99th of 100 by rank
        DecisionLatency many = new DecisionLatency(60_000_000_000L);
        for (int i = 1; i <= 100; i++) {
            many.answered(i * 10_000_000L, i * 10);
        }
        assertEquals(990, many.p99(s, s));
        // the window: only the samples that ended within it
        assertEquals(10, many.count(s, 100_000_000L));
        assertTrue(Double.isNaN(many.p99(s, 50_000_000L)), "5 samples in the last 50 ms");
    }

    @Test
    void decisionsAndAnswersLostOrDoubledFailTheScenario() {
        Reconciliation.Decisions clean = new Reconciliation.Decisions(20, 20, 0, 0, 18, 18, 9, 9, 0, 0, 9, 27, 0, 0, 7, 7, 50, 0, 0);
        Reconciliation.Decisions learntTwice = new Reconciliation.Decisions(20, 20, 0, 0, 18, 18, 9, 9, 0, 0, 9, 27, 0, 0, 7, 8, 50, 0,
                0);
        Reconciliation.Decisions answerLost = new Reconciliation.Decisions(20, 20, 0, 0, 18, 18, 9, 8, 1, 0, 8, 26, 1, 0, 7, 7, 50, 0,
                0);
        Reconciliation.Decisions decidedTwice = new Reconciliation.Decisions(20, 20, 0, 0, 18, 18, 9, 9, 0, 0, 9, 27, 0, 0, 7, 7, 49, 0,
                1);
        assertEquals(0, clean.lost());
        assertEquals(0, clean.doubled());
        assertEquals(1, learntTwice.doubled());
        assertEquals(4, answerLost.lost(), "not recorded, not announced, not on the timeline, not applied");
        assertEquals(1, decidedTwice.doubled());
        Reconciliation.Result withClean = withDecisions(clean);
        assertTrue(withClean.clean());
        assertFalse(withDecisions(learntTwice).clean());
        assertFalse(withDecisions(answerLost).clean());
        assertEquals(1, withDecisions(decidedTwice).doubled());

        TouchpointLoad.Counts load = new TouchpointLoad.Counts(50, 50, 50, 0, 0, 0, 0, 0, 0);
        DecisionLoad.Counts decisions = new DecisionLoad.Counts(21, 20, 18, 1, 1, 9, 9, 2, 0, 0, 0);
        ScenarioRun run = new ScenarioRun(Scenario.BROKER_KILL, 10, load, NO_BANK_LOAD, decisions, 42.0,
                List.of(new ScenarioRun.Fault("broker-kill", -1, 20.0, 80, 10, 30.5, 40.0, 9_000.0, -1)), withClean,
                NO_DEAD_LETTERS, 0, 3);
        String report = Results.scenario(run);
        assertTrue(report.contains("decisions: 21 asked") && report.contains("20 decided (18 with actions)"), report);
        assertTrue(report.contains("answers accepted 9: recorded with that outcome 9"), report);
        assertTrue(report.contains("model observations added 7, answers that teach a model 7"), report);
        assertTrue(report.contains("touchpoints decided on by offer-service (trigger INTERACTION, causedBy)  once 50, never 0, "
                + "twice 0"), report);
        assertTrue(report.contains("verdict: PASS"), report);
        // the lag came back after 30.5 s, the decision p99 never under 100 ms: not recovered
        assertEquals(30.5, run.lagBackSeconds());
        assertEquals(-1, run.timeToRecoverSeconds());
        assertEquals(9_000.0, run.decisionP99PeakMs());
        String md = Results.markdown(new Results.Run("crm chaos", Instant.EPOCH, Instant.EPOCH,
                new Results.Machine(2, "1 1 1", "1 1 1", "Java", "Linux"), 60, 8, 10, 10, List.of(run)), report);
        assertTrue(md.contains("| broker-kill | 10 s | 50 | 50 | 20 | 9 | 0 | 0 | 0 | 0 | 20.0 s | 30.5 s | 42 ms / 9000 ms | - | 3.0 s "
                + "| PASS |"), md);
    }

    @Test
    void decisionsAreInTheLoadUnlessToldOtherwiseAndQuickStartsItsJvmsWithC1Only() {
        Chaos.Options full = Chaos.Options.parse(new String[0]);
        assertEquals(4, full.decisionRate());
        assertEquals(2, full.answerEvery());
        assertFalse(full.c1Only());
        Chaos.Options quick = Chaos.Options.parse(new String[] { "--quick" });
        assertEquals(2, quick.decisionRate());
        assertTrue(quick.c1Only());
        assertEquals(10, quick.recoverSeconds());
        assertFalse(Chaos.Options.parse(new String[] { "--quick", "--full-jit" }).c1Only());
        assertEquals(0, Chaos.Options.parse(new String[] { "--answer-share", "0" }).answerEvery());
        assertEquals(1, Chaos.Options.parse(new String[] { "--answer-share", "1" }).answerEvery());
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--decision-rate", "-1" }));
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--answer-share", "2" }));
    }

    @Test
    void theTouchpointIdsInteractionServiceDerivesFromOfferEventsAreRecomputedTheSameWay() {
        // OfferTouchpoints.presentedId / responseId: name-based UUIDs of the event type and the id
        java.util.UUID decision = java.util.UUID.fromString("7d0c1a7e-6a43-4b2a-9b61-3f0e1f0a1b2c");
        assertEquals(java.util.UUID.nameUUIDFromBytes(("crm.offer.decided:" + decision).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Reconciliation.presentedTouchpoint(decision));
        assertEquals(3, Reconciliation.respondedTouchpoint(decision).version());
    }

    private static Reconciliation.Result withDecisions(Reconciliation.Decisions decisions) {
        return new Reconciliation.Result(50, 50, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 1, Map.of(), IN_ORDER, BANK, decisions);
    }
}
