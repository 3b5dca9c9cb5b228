package org.bankcrm.loyalty;

import org.bankcrm.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    void layersAndServiceBoundariesHold() {
        ArchitectureRules.check("loyalty");
    }
}
