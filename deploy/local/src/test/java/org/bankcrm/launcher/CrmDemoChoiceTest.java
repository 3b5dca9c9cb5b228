package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CrmDemoChoiceTest {

    @Test
    void upLoadsTheDemoBankByDefault() {
        Crm.DemoChoice choice = Crm.DemoChoice.of(List.of("--detach"), Map.of());
        assertTrue(choice.load());
        assertEquals(Crm.DemoChoice.DEFAULT_CLIENTS, choice.clients());
        assertEquals(List.of("--detach"), choice.rest());
    }

    @Test
    void noDemoOrCrmDemoOffSkipIt() {
        assertFalse(Crm.DemoChoice.of(List.of("--no-demo"), Map.of()).load());
        assertFalse(Crm.DemoChoice.of(List.of(), Map.of("CRM_DEMO", "off")).load());
    }

    @Test
    void theSizeComesFromTheOptionOrTheEnvironment() {
        assertEquals(300, Crm.DemoChoice.of(List.of("--demo-clients", "300"), Map.of("CRM_DEMO_CLIENTS", "50")).clients());
        assertEquals(50, Crm.DemoChoice.of(List.of(), Map.of("CRM_DEMO_CLIENTS", "50")).clients());
        assertThrows(IllegalArgumentException.class, () -> Crm.DemoChoice.of(List.of("--demo-clients", "x"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Crm.DemoChoice.of(List.of("--demo-clients"), Map.of()));
    }
}
