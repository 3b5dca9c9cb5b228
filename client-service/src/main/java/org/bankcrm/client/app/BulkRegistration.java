package org.bankcrm.client.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientDetails;
import org.bankcrm.client.domain.ConsentPurpose;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.Segment;
import org.bankcrm.client.domain.SegmentMembership;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.ClientRepository;
import org.bankcrm.client.store.SegmentRepository;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.problem.Problem;
import org.bankcrm.platform.problem.ProblemException;

import org.hibernate.FlushMode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Registers many clients in one transaction, all or none, with the rules and events of a single
 * registration; the queries are made once per batch rather than once per client.
 */
@ApplicationScoped
public class BulkRegistration {
    public static final int MAX_BATCH = 1_000;

    private final ClientRepository clients;
    private final SegmentRepository segments;
    private final SegmentAssignment assignment;
    private final ClientValuation valuation;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public BulkRegistration(ClientRepository clients, SegmentRepository segments,
            SegmentAssignment assignment, ClientValuation valuation, Outbox outbox) {
        this.clients = clients;
        this.segments = segments;
        this.assignment = assignment;
        this.valuation = valuation;
        this.outbox = outbox;
    }

    /** The five answers given at registration, in one statement. */
    private Uni<Void> consentHistory(Client client, Instant at) {
        StringBuilder sql = new StringBuilder("insert into consent_change (client_id, purpose, granted, source, changed_at) values ");
        ConsentPurpose[] purposes = ConsentPurpose.values();
        for (int i = 0; i < purposes.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("(:client, '").append(purposes[i].name()).append("', :g").append(i)
                    .append(", :source, :at)");
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString())
                    .setParameter("client", client.id)
                    .setParameter("source", ClientRegistry.REGISTRATION)
                    .setParameter("at", at.atOffset(java.time.ZoneOffset.UTC));
            for (int i = 0; i < purposes.length; i++) {
                query.setParameter("g" + i, client.consents.granted(purposes[i]));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** 400 naming {@code clients[i].birthDate} for each individual who cannot be registered; 409 for a taken or repeated externalRef. */
    @WithTransaction
    public Uni<List<Client>> registerAll(List<ClientDetails> batch) {
        LocalDate today = LocalDate.now(clock);
        ProblemException invalid = null;
        for (int i = 0; i < batch.size(); i++) {
            var problem = Client.birthDateProblem(batch.get(i).type(), batch.get(i).birthDate(), today);
            if (problem.isPresent()) {
                if (invalid == null) {
                    invalid = ProblemException.invalidField("clients[" + i + "].birthDate", problem.get());
                } else {
                    invalid.violations().add(new Problem.Violation("clients[" + i + "].birthDate", problem.get()));
                }
            }
        }
        if (invalid != null) {
            throw invalid;
        }
        Map<String, Integer> indexByRef = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Integer earlier = indexByRef.putIfAbsent(batch.get(i).externalRef(), i);
            if (earlier != null) {
                throw ProblemException.conflict("clients[" + earlier + "] and clients[" + i + "] have the same externalRef")
                        .with("index", i);
            }
        }
        return clients.list("externalRef in ?1", List.copyOf(indexByRef.keySet())).chain(taken -> {
            if (!taken.isEmpty()) {
                Client existing = taken.get(0);
                throw ProblemException.conflict("A client with the externalRef of clients[" + indexByRef.get(existing.externalRef)
                        + "] already exists").with("existingId", existing.id).with("index", indexByRef.get(existing.externalRef));
            }
            Instant now = clock.instant();
            List<Client> created = new ArrayList<>();
            for (ClientDetails details : batch) {
                Client client = Client.from(details);
                client.id = UUID.randomUUID();
                client.createdAt = now;
                client.updatedAt = now;
                if (client.customerSince == null) {
                    client.customerSince = today;
                }
                created.add(client);
            }
            return clients.persist(created)
                    // one flush for the clients, then none until the commit: otherwise every native statement
                    // below (consents, outbox, membership) would flush and dirty-check the whole batch again
                    .chain(() -> Panache.getSession())
                    .chain(session -> session.flush().invoke(() -> session.setFlushMode(FlushMode.COMMIT)))
                    .chain(() -> {
                        Uni<Void> writes = Uni.createFrom().voidItem();
                        for (Client client : created) {
                            writes = writes.chain(() -> consentHistory(client, now))
                                    .chain(() -> outbox.append(ClientEvents.registered(client, today))).replaceWithVoid();
                        }
                        return writes;
                    })
                    .chain(() -> segments.allByCode())
                    .chain(all -> assignment.recompute(created, SegmentAssignment.rules(all)).chain(changes -> {
                        Map<String, Set<ProductType>> expectedBySegment = new HashMap<>();
                        for (Segment s : all) {
                            if (s.active) {
                                expectedBySegment.put(s.code, s.expectedProductTypes());
                            }
                        }
                        Uni<Void> values = Uni.createFrom().voidItem();
                        for (Client client : created) {
                            SegmentMembership.Change change = changes.get(client.id);
                            Set<ProductType> expected = EnumSet.noneOf(ProductType.class);
                            if (change != null) {
                                change.segments().forEach(code -> expected.addAll(expectedBySegment.getOrDefault(code, Set.of())));
                            }
                            values = values.chain(() -> valuation.recomputeRegistered(client, expected)).replaceWithVoid();
                        }
                        return values;
                    }))
                    .replaceWith(created);
        });
    }
}
