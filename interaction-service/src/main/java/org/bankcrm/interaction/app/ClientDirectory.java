package org.bankcrm.interaction.app;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.KnownClient;
import org.bankcrm.platform.erasure.ErasedClients;
import org.bankcrm.platform.store.ClientLocks;
import org.bankcrm.interaction.store.ClientSegmentStore;
import org.bankcrm.interaction.store.KnownClientRepository;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The clients this service knows, kept from client-service's events. Each change takes the client's advisory lock
 * ({@link ClientLocks}) first, the lock a touchpoint of the client is accepted or parked under: a registration and a
 * touchpoint parked meanwhile cannot miss each other, and an erasure cannot miss a touchpoint being recorded.
 */
@ApplicationScoped
public class ClientDirectory {
    private final KnownClientRepository clients;
    private final ErasedClients erased;
    private final ClientSegmentStore segments;
    private final ClientLocks locks;

    public ClientDirectory(KnownClientRepository clients, ErasedClients erased, ClientSegmentStore segments,
            ClientLocks locks) {
        this.clients = clients;
        this.erased = erased;
        this.segments = segments;
        this.locks = locks;
    }

    /**
     * Applies crm.client.segment-changed: the client's segments from now on, which the CX counters of their
     * next touchpoints are kept under. Runs inside the inbox's transaction; dropped for an erased client.
     */
    public Uni<Void> segmentsChanged(UUID clientId, List<String> now, String eventId) {
        return locks.lock(clientId).chain(() -> erased.isErased(clientId)).chain(gone -> gone
                ? Uni.createFrom().voidItem()
                : segments.replace(clientId, now)
                        .chain(() -> clients.findById(clientId))
                        .invoke(client -> {
                            if (client != null) {
                                client.applied(eventId, Instant.now());
                            }
                        })
                        .replaceWithVoid());
    }

    @WithSession
    public Uni<List<String>> segments(UUID clientId) {
        return segments.of(clientId);
    }

    /**
     * Applies crm.client.registered under the client's lock; runs inside the inbox's transaction. Yields null for
     * an erased client (a late registration does not bring them back).
     */
    public Uni<KnownClient> registered(UUID clientId, String type, Instant registeredAt, String eventId) {
        return locks.lock(clientId).chain(() -> erased.isErased(clientId)).chain(gone -> gone
                ? Uni.createFrom().nullItem()
                : clients.findById(clientId).chain(existing -> {
                    KnownClient client = existing != null ? existing : new KnownClient();
                    client.clientId = clientId;
                    client.clientType = type;
                    client.registeredAt = registeredAt;
                    client.applied(eventId, Instant.now());
                    return existing != null ? Uni.createFrom().item(client) : clients.persist(client);
                }));
    }

    /**
     * Applies crm.client.erased under the client's lock, inside the inbox's transaction: only the id stays (in
     * the platform's {@code client_tombstone}); the read model and segments go. Yields false when the client was erased before.
     */
    public Uni<Boolean> erased(UUID clientId, Instant erasedAt) {
        return locks.lock(clientId).chain(() -> erased.record(clientId, erasedAt)).chain(now -> !now
                ? Uni.createFrom().item(false)
                : clients.delete("clientId", clientId)
                        .chain(() -> segments.replace(clientId, List.of()))
                        .replaceWith(true));
    }

    /** The client as this service knows them; 404 for a client not known, or erased. */
    @WithSession
    public Uni<KnownClient> find(UUID clientId) {
        return clients.findById(clientId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("client", clientId));
    }
}
