package org.bankcrm.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChaosTest {

    @Test
    void optionsHaveTheBriefsDefaultsAndRefuseASingleReplicaForTheKillScenario() {
        Chaos.Options defaults = Chaos.Options.parse(new String[0]);
        assertEquals(20, defaults.rate());
        assertEquals(2, defaults.replicas());
        assertEquals(10, defaults.downSeconds());

        assertEquals(3, Chaos.Options.parse(new String[] { "--replicas", "3", "--rate", "5" }).replicas());
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--replicas", "1" }));
        assertEquals(1, Chaos.Options.parse(new String[] { "--check-replicas", "--replicas", "1" }).replicas());
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--rate" }));
        assertThrows(IllegalArgumentException.class, () -> Chaos.Options.parse(new String[] { "--bogus" }));
    }

    @Test
    void theOutageScenarioKillsAWholeServiceAndWaitsTwentySecondsUnlessTold() {
        Chaos.Options outage = Chaos.Options.parse(new String[] { "--outage" });
        assertTrue(outage.outage());
        assertEquals(20, outage.downSeconds());
        assertEquals(5, Chaos.Options.parse(new String[] { "--outage", "--down", "5" }).downSeconds());
        // a whole service goes down anyway: one replica is enough
        assertEquals(1, Chaos.Options.parse(new String[] { "--outage", "--replicas", "1" }).replicas());
        TouchpointLoad.Counts load = new TouchpointLoad.Counts(10, 10, 10, 0, 0, 0, 0, 0);
        Reconciliation.Result clean = new Reconciliation.Result(10, 10, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 1, Map.of());
        String report = Chaos.report(true, load, 10, List.of(new Chaos.Fault("offer-service", -1, 25.0, 30, 2.0)), clean,
                Map.of(), 1, 60, 1);
        assertTrue(report.contains("every replica of one service at once") && report.contains("offer-service"), report);
    }

    @Test
    void theReportFailsOnALostTouchpointAndPassesWhenEverythingReconciles() {
        TouchpointLoad.Counts load = new TouchpointLoad.Counts(100, 98, 97, 1, 4, 2, 0, 0);
        List<Chaos.Fault> faults = List.of(new Chaos.Fault("loyalty-service#1", 42, 14.2, 60, 3.0));
        Reconciliation.Result clean = new Reconciliation.Result(98, 98, 0, 0, 0, Map.of("loyalty-service", 98),
                Map.of("loyalty-service", 0), Map.of("loyalty-service", 0), 0, 40, Map.of("interaction-service", 0L));
        Reconciliation.Result lost = new Reconciliation.Result(98, 97, 1, 0, 0, Map.of("loyalty-service", 97),
                Map.of("loyalty-service", 0), Map.of("loyalty-service", 0), 0, 40, Map.of("interaction-service", 0L));

        String passed = Chaos.report(false, load, 100, faults, clean, Map.of("crm.touchpoint.ingest.v1.dlq", 0L), 4.5, 60, 1);
        String failed = Chaos.report(false, load, 100, faults, lost, Map.of(), 4.5, 60, 1);
        String dlq = Chaos.report(false, load, 100, faults, clean, Map.of("crm.interaction.events.v1.dlq", 1L), 4.5, 60, 1);

        assertTrue(passed.contains("verdict: PASS"), passed);
        assertTrue(passed.contains("loyalty-service#1"), passed);
        assertTrue(failed.contains("lost 1") && failed.contains("verdict: FAIL"), failed);
        assertTrue(dlq.contains("verdict: FAIL") && dlq.contains("crm.interaction.events.v1.dlq=1"), dlq);
    }
}
