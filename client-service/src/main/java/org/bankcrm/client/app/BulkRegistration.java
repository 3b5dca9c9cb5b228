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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientDetails;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.client.domain.Segment;
import org.bankcrm.client.domain.SegmentFacts;
import org.bankcrm.client.domain.SegmentMembership;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.client.store.ClientRows;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;
import org.bankcrm.platform.problem.Problem;
import org.bankcrm.platform.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Registers many clients in one transaction, all or none, with the rules and events of a single
 * registration. Written with plain multi-row statements of the reactive PostgreSQL client (arrays bound as
 * parameters, no Hibernate session): one query for taken external references, one for the segment
 * definitions, then one insert each for the clients (with their first value), their consent answers, their
 * segment memberships and the outbox rows of every event, all in the same transaction. A new client holds
 * nothing and has no figures yet, so membership and value are computed in memory.
 */
@ApplicationScoped
public class BulkRegistration {
    public static final int MAX_BATCH = 1_000;
    private static final Pattern DUPLICATE_REF = Pattern.compile("\\(external_ref\\)=\\((.*)\\)");

    private final Pool pool;
    private final ClientRows rows;
    private final ClientValuation valuation;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public BulkRegistration(Pool pool, ClientRows rows, ClientValuation valuation, Outbox outbox) {
        this.pool = pool;
        this.rows = rows;
        this.valuation = valuation;
        this.outbox = outbox;
    }

    /** 400 naming {@code clients[i].birthDate} for each individual who cannot be registered; 409 for a taken or repeated externalRef. */
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
            return Uni.createFrom().failure(invalid);
        }
        Map<String, Integer> indexByRef = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Integer earlier = indexByRef.putIfAbsent(batch.get(i).externalRef(), i);
            if (earlier != null) {
                return Uni.createFrom().failure(ProblemException
                        .conflict("clients[" + earlier + "] and clients[" + i + "] have the same externalRef").with("index", i));
            }
        }
        return pool.withTransaction(connection -> rows.takenRefs(connection, indexByRef.keySet()).chain(taken -> {
            if (!taken.isEmpty()) {
                String first = taken.keySet().stream().min((a, b) -> indexByRef.get(a) - indexByRef.get(b)).orElseThrow();
                int index = indexByRef.get(first);
                throw ProblemException.conflict("A client with the externalRef of clients[" + index + "] already exists")
                        .with("existingId", taken.get(first)).with("index", index);
            }
            return rows.segments(connection).chain(segments -> {
                Instant now = clock.instant();
                List<Client> created = new ArrayList<>(batch.size());
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
                List<SegmentMembership.Rule> rules = SegmentAssignment.rules(segments);
                Map<String, Set<ProductType>> expectedBySegment = new HashMap<>();
                for (Segment s : segments) {
                    if (s.active) {
                        expectedBySegment.put(s.code, s.expectedProductTypes());
                    }
                }
                List<OutgoingEvent> events = new ArrayList<>(created.size() * 3);
                List<UUID> memberIds = new ArrayList<>();
                List<String> memberCodes = new ArrayList<>();
                for (Client client : created) {
                    events.add(ClientEvents.registered(client, today));
                    // nothing held, no figures, no membership yet: the facts of a new client
                    SegmentFacts facts = SegmentAssignment.facts(client, Set.of(), null, today);
                    SegmentMembership.Change change = SegmentMembership.change(Set.of(), facts, rules);
                    Set<ProductType> expected = EnumSet.noneOf(ProductType.class);
                    if (!change.isEmpty()) {
                        for (String code : change.joined()) {
                            memberIds.add(client.id);
                            memberCodes.add(code);
                        }
                        change.segments().forEach(code -> expected.addAll(expectedBySegment.getOrDefault(code, Set.of())));
                        events.add(ClientEvents.segmentChanged(client.id, change, now));
                    }
                    events.add(valuation.valueAtRegistration(client, expected, now));
                }
                return rows.insert(connection, created, now)
                        .chain(() -> rows.insertConsentAnswers(connection, created, ClientRegistry.REGISTRATION, now))
                        .chain(() -> rows.insertMemberships(connection, memberIds, memberCodes, now))
                        .chain(() -> outbox.appendAll(connection, events))
                        .replaceWith(created);
            });
        })).onFailure(PgException.class).transform(e -> takenMeanwhile((PgException) e, indexByRef));
    }

    /** Another registration took one of the references between the check and the insert: a 409 as well. */
    private static Throwable takenMeanwhile(PgException e, Map<String, Integer> indexByRef) {
        if (!"23505".equals(e.getSqlState()) || !"client_external_ref_unique".equals(e.getConstraint())) {
            return e;
        }
        ProblemException conflict = ProblemException.conflict("A client with the externalRef of one of the clients was registered meanwhile");
        Matcher ref = DUPLICATE_REF.matcher(String.valueOf(e.getDetail()));
        if (ref.find() && indexByRef.containsKey(ref.group(1))) {
            conflict = ProblemException.conflict("A client with the externalRef of clients[" + indexByRef.get(ref.group(1))
                    + "] was registered meanwhile").with("index", indexByRef.get(ref.group(1)));
        }
        return conflict;
    }
}
