package org.bankcrm.offer.app;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.ClientProfile;
import org.bankcrm.offer.store.ClientProfileRepository;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The client profiles the decision pipeline rests on, kept from client-service's events. */
@ApplicationScoped
public class ClientDirectory {
    private final ClientProfileRepository profiles;

    public ClientDirectory(ClientProfileRepository profiles) {
        this.profiles = profiles;
    }

    /** Applies crm.client.registered, given as the profile it describes; runs inside the inbox's transaction. */
    public Uni<ClientProfile> registered(ClientProfile registered, String eventId) {
        return profiles.findById(registered.clientId)
                .chain(existing -> {
                    ClientProfile profile = existing != null ? existing : new ClientProfile();
                    profile.clientId = registered.clientId;
                    profile.clientType = registered.clientType;
                    profile.ageBand = registered.ageBand;
                    profile.consents = registered.consents;
                    profile.registeredAt = registered.registeredAt;
                    profile.applied(eventId, Instant.now());
                    return existing != null ? Uni.createFrom().item(profile) : profiles.persist(profile);
                });
    }

    @WithSession
    public Uni<ClientProfile> find(UUID clientId) {
        return profiles.findById(clientId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("client", clientId));
    }
}
