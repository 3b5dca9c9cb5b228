package org.bankcrm.loyalty;

import org.bankcrm.platform.testing.MigrationChecks;
import org.junit.jupiter.api.Test;

/** This service's erased clients (its own erased_client up to V10) move to the platform's client_tombstone. */
class ErasedClientsMigrationTest {
    @Test
    void erasedClientsKeptBeforeMoveToThePlatformsTombstones() throws Exception {
        MigrationChecks.erasedClientsMoveToThePlatform("10");
    }
}
