package org.bankcrm.platform.erasure;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.platform.store.PlatformStatements;

import io.smallrye.mutiny.Uni;

/**
 * The clients erased at client-service, as a consuming service knows them ({@code client_tombstone}): a consumer drops
 * a later event of such a client instead of parking or applying it, so nothing of them grows back. Every method runs
 * in the caller's transaction (the inbox's) and, like every change of a client, under the client's lock
 * ({@code ClientLocks}), so an erasure and an event of the client do not cross.
 */
@ApplicationScoped
public class ErasedClients {
    static final String RECORD = """
            insert into client_tombstone (client_id, erased_at) values ($1, $2)
            on conflict (client_id) do nothing
            """;
    static final String IS_ERASED = "select 1 from client_tombstone where client_id = $1";

    /**
     * Records the erasure of {@code clientId}; yields true when it is new, false when the client was erased before
     * (crm.client.erased delivered again, or a replay): the caller forgets the client's data only once.
     */
    public Uni<Boolean> record(UUID clientId, Instant erasedAt) {
        return PlatformStatements.update(RECORD, clientId, erasedAt.atOffset(ZoneOffset.UTC))
                .map(inserted -> inserted == 1);
    }

    /** Whether the client was erased: then their event is dropped (not parked, not applied, not dead-lettered). */
    public Uni<Boolean> isErased(UUID clientId) {
        return PlatformStatements.select(IS_ERASED, clientId).map(rows -> !rows.isEmpty());
    }
}
