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

    @Test
    void theJitIsThePartOfAllThatTheCompilerThreadsSpentOverTheirRateAtRest() {
        // offer-service: 35 s over rest, of which its compiler threads 12 % - 2 % at rest = 10 s; kafka: 10 s, JIT 0
        Map<String, Map<String, Resources.Usage>> byPhase = Map.of(
                Bench.IDLE_PHASE, Map.of("offer-service", new Resources.Usage(0, 0, 5, 30),
                        "offer-service" + Resources.JIT, new Resources.Usage(0, 0, 2, 30),
                        "kafka", new Resources.Usage(0, 0, 10, 30), "kafka" + Resources.JIT, new Resources.Usage(0, 0, 0, 30)),
                "chain-kafka-20", Map.of("offer-service", new Resources.Usage(0, 0, 40, 100),
                        "offer-service" + Resources.JIT, new Resources.Usage(0, 0, 12, 100),
                        "kafka", new Resources.Usage(0, 0, 20, 100), "kafka" + Resources.JIT, new Resources.Usage(0, 0, 0, 100)));
        @SuppressWarnings("unchecked")
        Map<String, Object> phase = (Map<String, Object>) Bench.cpuPerTouchpoint(byPhase, Map.of("chain-kafka-20", 2_000L))
                .get("chain-kafka-20");
        assertEquals(22.5, (Double) phase.get("all"), 1e-9);
        assertEquals(5.0, (Double) phase.get(Bench.JIT), 1e-9);
        assertEquals(17.5, (Double) phase.get(Bench.ALL_LESS_JIT), 1e-9);
    }

    @Test
    void onlyTheCompilerThreadsCountAsJit() {
        String c2 = "4242 (C2 CompilerThre) S 1 1 1 0 -1 1077936192 0 0 0 0 150 7 0 0 20 0 26 0 100 0 0";
        String c1 = "4243 (C1 CompilerThre) S 1 1 1 0 -1 1077936192 0 0 0 0 40 2 0 0 20 0 26 0 100 0 0";
        String loop = "4244 (vert.x-eventloo) S 1 1 1 0 -1 1077936192 0 0 0 0 900 30 0 0 20 0 26 0 100 0 0";
        assertEquals(157, Resources.jitThreadTicks(c2));
        assertEquals(42, Resources.jitThreadTicks(c1));
        assertEquals(0, Resources.jitThreadTicks(loop));
        assertEquals(0, Resources.jitThreadTicks(""));
    }

    @Test
    void theServicesJvmOptionsAreTheXOptionsBeforeTheJar() {
        assertEquals("-XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1", Bench.jvmOptions(new String[] {
                "-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dcrm.component=offer-service",
                "-jar", "quarkus-run.jar", "-Xignored" }));
    }
}
