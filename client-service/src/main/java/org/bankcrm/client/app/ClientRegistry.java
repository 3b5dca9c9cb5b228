package org.bankcrm.client.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.ClientRepository;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Use cases on clients; each writing one is one transaction with its outbox event. */
@ApplicationScoped
public class ClientRegistry {
    private final ClientRepository clients;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public ClientRegistry(ClientRepository clients, Outbox outbox) {
        this.clients = clients;
        this.outbox = outbox;
    }

    /** Stores a new client and emits {@code crm.client.registered}; a taken externalRef is a 409. */
    @WithTransaction
    public Uni<Client> register(Client client) {
        LocalDate today = LocalDate.now(clock);
        Client.birthDateProblem(client.type, client.birthDate, today).ifPresent(problem -> {
            throw ProblemException.invalidField("birthDate", problem);
        });
        return clients.findByExternalRef(client.externalRef)
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("A client with this externalRef already exists")
                                .with("existingId", existing.id);
                    }
                })
                .chain(() -> {
                    Instant now = clock.instant();
                    client.id = UUID.randomUUID();
                    client.createdAt = now;
                    client.updatedAt = now;
                    if (client.customerSince == null) {
                        client.customerSince = today;
                    }
                    return clients.persist(client);
                })
                .call(saved -> outbox.append(ClientEvents.registered(saved, today)));
    }

    @WithSession
    public Uni<Client> find(UUID id) {
        return clients.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("client", id));
    }
}
