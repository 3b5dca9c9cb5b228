package org.bankcrm.client.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientDetails;
import org.bankcrm.client.domain.ConsentChange;
import org.bankcrm.client.domain.ConsentPurpose;
import org.bankcrm.client.domain.Consents;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.ClientRepository;
import org.bankcrm.client.store.ClientSearch;
import org.bankcrm.client.store.ConsentChangeRepository;
import org.bankcrm.client.store.UniqueConstraints;
import org.bankcrm.platform.http.IfMatch;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.store.ClientLocks;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Use cases on clients; each writing one is one transaction with its outbox events, which takes the client's lock
 * ({@link ClientLocks}) before it reads the client, and the lock of an externalRef before it looks for it.
 */
@ApplicationScoped
public class ClientRegistry {
    /** Consent source recorded when consents come with the registration. */
    public static final String REGISTRATION = "REGISTRATION";
    /** Consent source recorded when consents change through PUT or PATCH of the client. */
    public static final String CLIENT_UPDATE = "CLIENT_UPDATE";

    private final ClientRepository clients;
    private final ConsentChangeRepository consentChanges;
    private final ClientChanges changes;
    private final Outbox outbox;
    private final ClientLocks locks;
    private final Clock clock = Clock.systemUTC();

    public ClientRegistry(ClientRepository clients, ConsentChangeRepository consentChanges, ClientChanges changes,
            Outbox outbox, ClientLocks locks) {
        this.clients = clients;
        this.consentChanges = consentChanges;
        this.changes = changes;
        this.outbox = outbox;
        this.locks = locks;
    }

    /**
     * Stores a new client and emits {@code crm.client.registered}; a taken externalRef is a 409 naming the client
     * who holds it, also when another registration took it at the same moment.
     */
    public Uni<Client> register(ClientDetails details) {
        // its own transaction, not @WithTransaction: a bulk registration's insert meeting ours breaks the unique index at the commit
        return Panache.withTransaction(() -> registerInTransaction(details))
                .onFailure(e -> UniqueConstraints.breached(e, UniqueConstraints.EXTERNAL_REF))
                .recoverWithUni(() -> takenMeanwhile(details.externalRef()));
    }

    private Uni<Client> registerInTransaction(ClientDetails details) {
        LocalDate today = LocalDate.now(clock);
        checkBirthDate(details, today);
        return locks.lock(referenceKey(details.externalRef()))
                .chain(() -> clients.findByExternalRef(details.externalRef()))
                .invoke(existing -> {
                    if (existing != null) {
                        throw taken(existing);
                    }
                })
                .chain(() -> {
                    Client client = Client.from(details);
                    Instant now = clock.instant();
                    client.id = UUID.randomUUID();
                    client.createdAt = now;
                    client.updatedAt = now;
                    if (client.customerSince == null) {
                        client.customerSince = today;
                    }
                    return clients.persist(client);
                })
                .call(saved -> recordConsents(saved, List.of(), REGISTRATION, saved.createdAt))
                .call(saved -> outbox.append(ClientEvents.registered(saved, today)))
                .call(changes::clientRegistered);
    }

    /** A client as the channels may see it: 404 when unknown, 410 once erased. */
    @WithSession
    public Uni<Client> find(UUID id) {
        return live(id);
    }

    /**
     * Replaces the client's details with what {@code change} makes of the current ones, if {@code ifMatch} names
     * the current version (else 412); emits {@code crm.client.updated} when anything changed and
     * {@code crm.client.consent-changed} when a consent did.
     */
    public Uni<Client> update(UUID id, IfMatch ifMatch, UnaryOperator<ClientDetails> change) {
        LocalDate today = LocalDate.now(clock);
        // its own transaction for the reason given in register
        return Panache.withTransaction(() -> locked(id).call(client -> {
            ifMatch.check(client.version, "client");
            ClientDetails next = change.apply(client.details());
            checkBirthDate(next, today);
            // the uniqueness check runs before the entity changes, so no flush can hit the constraint first
            Uni<Void> unique = next.externalRef().equals(client.externalRef) ? Uni.createFrom().voidItem()
                    : locks.lock(referenceKey(next.externalRef()))
                            .chain(() -> clients.findByExternalRef(next.externalRef()))
                            .invoke(existing -> {
                                if (existing != null) {
                                    throw taken(existing);
                                }
                            }).replaceWithVoid();
            return unique.chain(() -> apply(client, next, CLIENT_UPDATE, today));
        })).onFailure(e -> UniqueConstraints.breached(e, UniqueConstraints.EXTERNAL_REF))
                .transform(e -> ProblemException.conflict("A client with this externalRef was registered meanwhile"));
    }

    /** Changes only the consents, recording where the change came from. */
    @WithTransaction
    public Uni<Client> changeConsents(UUID id, UnaryOperator<Consents> change, String source) {
        LocalDate today = LocalDate.now(clock);
        return locked(id).call(client -> {
            ClientDetails now = client.details();
            return apply(client, now.withConsents(change.apply(now.consents())), source, today);
        });
    }

    @WithSession
    public Uni<ClientRepository.Page> search(ClientSearch search) {
        return clients.search(search);
    }

    @WithSession
    public Uni<List<ConsentChange>> consentHistory(UUID id) {
        return live(id).chain(client -> consentChanges.historyOf(id));
    }

    /** Right to erasure: anonymises the personal data, keeps the id and aggregates, emits {@code crm.client.erased}. */
    @WithTransaction
    public Uni<Client> erase(UUID id) {
        return locked(id)
                .invoke(client -> client.erase(clock.instant()))
                .call(client -> outbox.append(ClientEvents.erased(client)));
    }

    private Uni<Void> apply(Client client, ClientDetails next, String source, LocalDate today) {
        Consents before = client.consents.copy();
        Set<String> changed = client.replaceWith(next);
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        client.updatedAt = now;
        List<Consents.Change> consentChanges = before.changesTo(client.consents);
        Uni<?> consentEvents = consentChanges.isEmpty() ? Uni.createFrom().voidItem()
                : recordConsents(client, consentChanges, source, now)
                        .chain(() -> outbox.append(ClientEvents.consentChanged(client, consentChanges, source, now)));
        Set<String> nonConsent = new java.util.LinkedHashSet<>(changed);
        nonConsent.remove("consents");
        Uni<?> updated = source.equals(CLIENT_UPDATE) || !nonConsent.isEmpty()
                ? outbox.append(ClientEvents.updated(client, changed, today))
                : Uni.createFrom().voidItem();
        return updated.chain(() -> consentEvents).chain(() -> changes.clientChanged(client)).replaceWithVoid();
    }

    /** Writes one history row per changed purpose; at registration, one per purpose. */
    Uni<Void> recordConsents(Client client, List<Consents.Change> changed, String source, Instant at) {
        List<ConsentChange> rows = changed.isEmpty() && REGISTRATION.equals(source)
                ? java.util.Arrays.stream(ConsentPurpose.values())
                        .map(p -> new ConsentChange(client.id, p, client.consents.granted(p), source, at)).toList()
                : changed.stream().map(c -> new ConsentChange(client.id, c.purpose(), c.granted(), source, at)).toList();
        return consentChanges.persist(rows);
    }

    /**
     * The client in the caller's transaction, under its lock until the transaction ends: 404 when unknown, 410 once
     * erased. Called before anything of the client was read in the session, so the read sees the last committed change.
     */
    Uni<Client> locked(UUID id) {
        return locks.lock(id).chain(() -> live(id));
    }

    /** The client in the caller's session: 404 when unknown, 410 once erased. */
    Uni<Client> live(UUID id) {
        return clients.findById(id).map(found -> live(id, found));
    }

    /** {@code found}, the client stored under {@code id} if any, when it is live: 404 when unknown, 410 once erased. */
    static Client live(UUID id, Client found) {
        if (found == null) {
            throw ProblemException.notFound("client", id);
        }
        if (found.isErased()) {
            throw new ProblemException(410, "Gone", "Client " + id + " was erased").with("erasedAt", found.erasedAt.toString());
        }
        return found;
    }

    static void checkBirthDate(ClientDetails details, LocalDate today) {
        Client.birthDateProblem(details.type(), details.birthDate(), today).ifPresent(problem -> {
            throw ProblemException.invalidField("birthDate", problem);
        });
    }

    /** The lock key of an externalRef, apart from every clientId's. */
    static String referenceKey(String externalRef) {
        return "externalRef:" + externalRef;
    }

    /** The 409 of a registration that met another one's insert at its commit, naming the client registered. */
    private Uni<Client> takenMeanwhile(String externalRef) {
        return Panache.withSession(() -> clients.findByExternalRef(externalRef)).onItem().failWith(existing -> existing == null
                ? ProblemException.conflict("A client with this externalRef was registered meanwhile")
                : taken(existing));
    }

    private static ProblemException taken(Client existing) {
        return ProblemException.conflict("A client with this externalRef already exists").with("existingId", existing.id);
    }
}
