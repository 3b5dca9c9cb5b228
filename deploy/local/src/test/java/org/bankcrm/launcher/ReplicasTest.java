package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReplicasTest {
    private final Layout layout = new Layout(Path.of("/tmp/crm-replicas-test"));

    @Test
    void oneNumberGivesEveryServiceThatManyReplicasTenPortsApart() {
        Settings settings = Settings.fromEnvironment(layout, Map.of("CRM_REPLICAS", "2", "CRM_HTTP_PORT", "9281"));

        assertEquals(List.of("client-service#1", "interaction-service#1", "loyalty-service#1", "offer-service#1",
                "client-service#2", "interaction-service#2", "loyalty-service#2", "offer-service#2"),
                settings.services().stream().map(Settings.Service::component).toList());
        assertEquals(List.of(9281, 9282, 9283, 9284, 9291, 9292, 9293, 9294),
                settings.services().stream().map(Settings.Service::port).toList());
        assertEquals(9285, settings.consoleService().orElseThrow().port());
        assertEquals(List.of("client-service", "interaction-service", "loyalty-service", "offer-service"),
                settings.distinctServices().stream().map(Settings.Service::name).toList());
        // replicas share their service's database: one per service, as in Kubernetes
        assertEquals(List.of("client", "interaction", "loyalty", "offer", "client", "interaction", "loyalty", "offer"),
                settings.services().stream().map(Settings.Service::database).toList());
        assertEquals("loyalty-service#2", settings.neededPorts().get(9293));
    }

    @Test
    void perServiceCountsOverrideTheNumberForAll() {
        Settings settings = Settings.fromEnvironment(layout,
                Map.of("CRM_REPLICAS", "loyalty-service=3", "CRM_SERVICES", "loyalty-service,offer-service"));

        assertEquals(List.of("loyalty-service#1", "offer-service", "loyalty-service#2", "loyalty-service#3"),
                settings.services().stream().map(Settings.Service::component).toList());
        assertEquals(List.of(8083, 8084, 8093, 8103), settings.services().stream().map(Settings.Service::port).toList());

        Replicas both = Replicas.parse("2, offer-service=3");
        assertEquals(2, both.of("client-service"));
        assertEquals(3, both.of("offer-service"));
        assertEquals(3, both.highest());
    }

    @Test
    void oneReplicaKeepsTheServicesNames() {
        Settings settings = Settings.fromEnvironment(layout, Map.of("CRM_REPLICAS", "1"));

        assertEquals(Settings.ALL_SERVICES, settings.services());
        assertEquals(List.of("client-service", "interaction-service", "loyalty-service", "offer-service"),
                settings.services().stream().map(Settings.Service::component).toList());
    }

    @Test
    void badCountsAndUnknownServicesAreRejectedByName() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Replicas.parse("0"));
        assertTrue(zero.getMessage().contains("CRM_REPLICAS"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Replicas.parse("10"));
        assertThrows(IllegalArgumentException.class, () -> Replicas.parse("two"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Replicas.parse("ledger-service=2"));
        assertTrue(unknown.getMessage().contains("ledger-service"), unknown.getMessage());
        IllegalArgumentException noRoom = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(layout, Map.of("CRM_HTTP_PORT", "65500", "CRM_REPLICAS", "5")));
        assertTrue(noRoom.getMessage().contains("replicas"), noRoom.getMessage());
    }

    @Test
    void aTargetNamesOneReplicaOrAllReplicasOfAService() {
        List<String> components = List.of("client-service#1", "client-service#2", "offer-service", "console");

        assertEquals(List.of("client-service#2"), Replicas.targets(components, "client-service#2"));
        assertEquals(List.of("client-service#1", "client-service#2"), Replicas.targets(components, "client-service"));
        assertEquals(List.of("offer-service"), Replicas.targets(components, "offer-service"));
        assertEquals(List.of(), Replicas.targets(components, "client-service#3"));
        assertEquals(List.of(), Replicas.targets(components, "client"));
        assertEquals("client-service", Replicas.serviceOf("client-service#2"));
    }

    @Test
    void freePortsGiveEachReplicaItsOwnPort() throws Exception {
        Settings settings = Settings.onFreePorts(layout, java.time.Duration.ofSeconds(30), false, new Replicas(2, Map.of()));

        assertEquals(8, settings.services().size());
        assertEquals(8 + 3, settings.neededPorts().size()); // every port distinct: postgres, kafka, controller, 8 services
    }

    @Test
    void programsGetTheCountOfEveryServiceFromOneReplicasValue() {
        assertEquals(Map.of("client-service", 1, "interaction-service", 1, "loyalty-service", 2, "offer-service", 1),
                Stack.replicaCounts("1,loyalty-service=2"));
        assertEquals(List.of(2, 2, 2, 2), List.copyOf(Stack.replicaCounts("2").values()));
        assertThrows(IllegalArgumentException.class, () -> Stack.replicaCounts("ledger-service=2"));
    }

    @Test
    void upTakesReplicasAsAnOptionAndRejectsAMissingNumber(@org.junit.jupiter.api.io.TempDir Path root) {
        CommandOutput missing = CommandOutput.run(root, Map.of(), "up", "--replicas");
        assertEquals(2, missing.exitCode, missing.toString());
        assertTrue(missing.text.contains("--replicas needs a number"), missing.toString());

        CommandOutput bad = CommandOutput.run(root, Map.of(), "up", "--replicas", "0", "--no-demo");
        assertEquals(2, bad.exitCode, bad.toString());
        assertTrue(bad.text.contains("CRM_REPLICAS must be a whole number from 1 to 9"), bad.toString());
    }

    @Test
    void killAndStartNeedARunningCrmAndOneTarget(@org.junit.jupiter.api.io.TempDir Path root) {
        assertEquals(2, CommandOutput.run(root, Map.of(), "kill").exitCode);
        CommandOutput notRunning = CommandOutput.run(root, Map.of(), "kill", "loyalty-service#2");
        assertEquals(1, notRunning.exitCode, notRunning.toString());
        assertTrue(notRunning.text.contains("not running"), notRunning.toString());
        assertEquals(1, CommandOutput.run(root, Map.of(), "start", "loyalty-service").exitCode);
    }
}
