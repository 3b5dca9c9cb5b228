package org.bankcrm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
