package org.bankcrm.platform.erasure;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.platform.store.PlatformStatements;

import io.quarkus.hibernate.reactive.panache.Panache;
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
            insert into client_tombstone (client_id, erased_at) values (:clientId, :erasedAt)
            on conflict (client_id) do nothing
            """;

    /**
     * Records the erasure of {@code clientId}; yields true when it is new, false when the client was erased before
     * (crm.client.erased delivered again, or a replay): the caller forgets the client's data only once.
     */
    public Uni<Boolean> record(UUID clientId, Instant erasedAt) {
        return PlatformStatements.executeUpdate(session -> session.createNativeQuery(RECORD)
                        .setParameter("clientId", clientId)
                        .setParameter("erasedAt", erasedAt))
                .map(inserted -> inserted == 1);
    }

    /** Whether the client was erased: then their event is dropped (not parked, not applied, not dead-lettered). */
    public Uni<Boolean> isErased(UUID clientId) {
        return Panache.getSession()
                .chain(session -> session.find(ClientTombstone.class, clientId))
                .map(tombstone -> tombstone != null);
    }
}
