package org.bankcrm.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.platform.store.ClientLocks;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The platform's client locks on the real database: a lock the transaction holds already is not asked for again, and
 * the next transaction on the same Vert.x context (the inbox's next batch) takes its locks anew - had it believed the
 * last one's still held, two transactions of one client would no longer wait for each other.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
class ClientLocksTest {
    static final String HELD = "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted";

    @Inject
    ClientLocks locks;

    @Test
    void aTransactionHoldsWhatItLockedOnceAndTheNextOneOnTheSameContextLocksAgain() throws Throwable {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<Long> held = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> locks.lock(a)
                        .chain(() -> locks.lock(a))
                        .chain(() -> locks.lockAll(List.of(b, a)))
                        .chain(ClientLocksTest::advisoryLocksHeld))
                .chain(first -> Panache.withTransaction(() -> locks.lockAll(List.of(a)).chain(() -> locks.lock(a))
                        .chain(ClientLocksTest::advisoryLocksHeld))
                        .map(second -> List.of(first, second))));
        // a and b in the first transaction; a alone, taken again, in the second
        assertThat(held).containsExactly(2L, 1L);
    }

    private static Uni<Long> advisoryLocksHeld() {
        return Panache.getSession().chain(session -> session.createNativeQuery(HELD, Long.class).getSingleResult());
    }
}
