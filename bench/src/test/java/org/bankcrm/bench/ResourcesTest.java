package org.bankcrm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void busyTicksLeaveOutIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertEquals(100 + 2 + 30 + 4 + 5, Resources.busyTicks("cpu  100 2 30 9000 700 4 5 6 50 0"));
    }

    @Test
    void thisMachineHasBeenBusySinceBoot() {
        assertTrue(Resources.machineBusyTicks() > 0, "/proc/stat read");
    }

    @Test
    void cpuPerTouchpointIsThePhasesCpuOverTheIdleBaselineDividedByTheTouchpointsSent() {
        // at rest the offer-service spends 5 % of a core; over a 100 s phase at 40 % that is 35 % x 100 s = 35 s of CPU
        // beyond rest, for 2,000 touchpoints: 17.5 ms each; kafka never rose above rest: 0
        Map<String, Map<String, Resources.Usage>> byPhase = Map.of(
                Bench.IDLE_PHASE, Map.of("offer-service", new Resources.Usage(0, 0, 5, 30), "kafka", new Resources.Usage(0, 0, 20, 30)),
                "chain-kafka-20", Map.of("offer-service", new Resources.Usage(0, 0, 40, 100), "kafka", new Resources.Usage(0, 0, 19, 100)));
        Map<String, Object> perTouchpoint = Bench.cpuPerTouchpoint(byPhase, Map.of("chain-kafka-20", 2_000L));
        @SuppressWarnings("unchecked")
        Map<String, Object> phase = (Map<String, Object>) perTouchpoint.get("chain-kafka-20");
        assertEquals(17.5, (Double) phase.get("offer-service"), 1e-9);
        assertEquals(0.0, (Double) phase.get("kafka"), 1e-9);
        assertEquals(17.5, (Double) phase.get("services"), 1e-9);
        assertEquals(17.5, (Double) phase.get("all"), 1e-9);
    }
}
