package org.bankcrm.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.bankcrm.platform.erasure.ErasedClients;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The platform's tombstones of erased clients on the real database: an erasure is recorded once (a second
 * crm.client.erased yields false, so the data is forgotten once), with its time, and only that client is erased.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
class ErasedClientsTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ErasedClients erased;
    @Inject
    Pool pool;

    @Test
    void anErasureIsRecordedOnceWithItsTimeAndOnlyForItsClient() throws Throwable {
        UUID clientId = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Instant erasedAt = Instant.parse("2026-12-06T09:30:00Z");

        assertThat(inTransaction(() -> erased.isErased(clientId))).isFalse();
        assertThat(inTransaction(() -> erased.record(clientId, erasedAt))).isTrue();
        assertThat(inTransaction(() -> erased.record(clientId, erasedAt.plusSeconds(60)))).isFalse();

        assertThat(inTransaction(() -> erased.isErased(clientId))).isTrue();
        assertThat(inTransaction(() -> erased.isErased(other))).isFalse();
        Row row = pool.preparedQuery("select count(*), min(erased_at) from client_tombstone where client_id = $1")
                .execute(Tuple.of(clientId)).await().atMost(WAIT).iterator().next();
        assertThat(row.getLong(0)).isEqualTo(1);
        assertThat(row.getOffsetDateTime(1).toInstant()).isEqualTo(erasedAt);
    }

    private static <T> T inTransaction(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }
}
