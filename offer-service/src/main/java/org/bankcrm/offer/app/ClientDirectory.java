package org.bankcrm.offer.app;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.ClientProfile;
import org.bankcrm.platform.erasure.ErasedClients;
import org.bankcrm.platform.store.ClientLocks;
import org.bankcrm.offer.store.ClientProfileRepository;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The read model the decision pipeline rests on, kept from client, interaction and loyalty events. */
@ApplicationScoped
public class ClientDirectory {
    private final ClientProfileRepository profiles;
    private final ErasedClients erased;
    private final ClientLocks locks;

    public ClientDirectory(ClientProfileRepository profiles, ErasedClients erased, ClientLocks locks) {
        this.profiles = profiles;
        this.erased = erased;
        this.locks = locks;
    }

    /**
     * Applies one event's change to the client's profile (created when first heard of); runs inside the inbox's
     * transaction. Yields null for an erased client: nothing of them is kept again.
     */
    public Uni<ClientProfile> apply(UUID clientId, String eventId, Consumer<ClientProfile> change) {
        return locks.lock(clientId)
                .chain(() -> profiles.findById(clientId))
                .chain(existing -> {
                    if (existing != null) {
                        // the erasure deletes the profile with the tombstone's insert: a client with one is not erased
                        return Uni.createFrom().item(applied(existing, eventId, change));
                    }
                    return erased.isErased(clientId).chain(gone -> gone ? Uni.createFrom().nullItem()
                            : profiles.persist(applied(ClientProfile.unknown(clientId), eventId, change)));
                });
    }

    /**
     * A consumer's batch: the profiles of {@code clientIds} loaded into the session in one statement, so that each
     * client's {@link #apply} finds its profile there without a round trip of its own.
     */
    public Uni<Void> prefetch(Set<UUID> clientIds) {
        return Panache.getSession().chain(session -> session.find(ClientProfile.class, clientIds.toArray()))
                .replaceWithVoid();
    }

    private static ClientProfile applied(ClientProfile profile, String eventId, Consumer<ClientProfile> change) {
        change.accept(profile);
        profile.applied(eventId, Instant.now());
        return profile;
    }

    /** crm.client.erased: the profile goes, decisions and responses lose their link to the client and their inputs. */
    public Uni<Void> erase(UUID clientId) {
        return locks.lock(clientId)
                .chain(() -> erased.record(clientId, Instant.now()))
                .chain(now -> {
                    if (!now) {
                        return Uni.createFrom().voidItem();
                    }
                    return profiles.delete("clientId", clientId)
                            .chain(() -> Panache.getSession())
                            .chain(s -> s.createNativeQuery("update decision set client_id = null, inputs_json = null where client_id = :id")
                                    .setParameter("id", clientId).executeUpdate()
                                    .chain(() -> s.createNativeQuery("update offer_response set client_id = null where client_id = :id")
                                            .setParameter("id", clientId).executeUpdate()))
                            .replaceWithVoid();
                });
    }

    public Uni<Boolean> isErased(UUID clientId) {
        return erased.isErased(clientId);
    }

    @WithSession
    public Uni<ClientProfile> find(UUID clientId) {
        return profiles.findById(clientId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("client", clientId));
    }
}
