package org.bankcrm.interaction.app;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.KnownClient;
import org.bankcrm.interaction.store.ClientSegmentStore;
import org.bankcrm.interaction.store.KnownClientRepository;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The clients this service knows, kept from client-service's events. */
@ApplicationScoped
public class ClientDirectory {
    private final KnownClientRepository clients;
    private final ClientSegmentStore segments;

    public ClientDirectory(KnownClientRepository clients, ClientSegmentStore segments) {
        this.clients = clients;
        this.segments = segments;
    }

    /**
     * Applies crm.client.segment-changed: the client's segments from now on, which the CX counters of their
     * next touchpoints are kept under. Runs inside the inbox's transaction.
     */
    public Uni<Void> segmentsChanged(UUID clientId, List<String> now, String eventId) {
        return segments.replace(clientId, now)
                .chain(() -> clients.findById(clientId))
                .invoke(client -> {
                    if (client != null) {
                        client.applied(eventId, Instant.now());
                    }
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<String>> segments(UUID clientId) {
        return segments.of(clientId);
    }

    /** Applies crm.client.registered; runs inside the inbox's transaction. */
    public Uni<KnownClient> registered(UUID clientId, String type, Instant registeredAt, String eventId) {
        return clients.findById(clientId)
                .chain(existing -> {
                    KnownClient client = existing != null ? existing : new KnownClient();
                    client.clientId = clientId;
                    client.clientType = type;
                    client.registeredAt = registeredAt;
                    client.applied(eventId, Instant.now());
                    return existing != null ? Uni.createFrom().item(client) : clients.persist(client);
                });
    }

    /** Applies crm.client.erased: the client takes no new touchpoints; runs inside the inbox's transaction. */
    public Uni<Void> erased(UUID clientId, Instant erasedAt, String eventId) {
        return clients.findById(clientId).invoke(client -> {
            if (client != null) {
                client.erasedAt = erasedAt;
                client.applied(eventId, Instant.now());
            }
        }).replaceWithVoid();
    }

    @WithSession
    public Uni<KnownClient> find(UUID clientId) {
        return clients.findById(clientId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("client", clientId));
    }
}
