package org.bankcrm.interaction.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.platform.store.TransactionMemo;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Which need-based segments each client belongs to, kept from crm.client.segment-changed. */
@ApplicationScoped
public class ClientSegmentStore {
    static final String CLEAR = "delete from client_segment where client_id = :clientId";
    static final String JOIN = "insert into client_segment (client_id, segment) values (:clientId, :segment) on conflict do nothing";
    // a list-valued parameter: Hibernate does not cache the plan of such a select (Hibernate Reactive 3.2 would add one per
    // execution, under a key that never equals itself; QueryPlanReuseTest)
    static final String OF = "select segment from client_segment where client_id in (:clientId) order by segment";

    static final String OF_ALL = "select cast(client_id as text), segment from client_segment where client_id in (:clientIds)"
            + " order by segment";
    private static final String READ = ClientSegmentStore.class.getName() + ".read";

    /** Replaces the client's segments with {@code segments}, in the caller's transaction. */
    public Uni<Void> replace(UUID clientId, List<String> segments) {
        return TransactionMemo.<Map<UUID, List<String>>> of(READ, HashMap::new).invoke(read -> read.remove(clientId))
                .chain(Panache::getSession).chain(session -> {
            Uni<Void> chain = session.createNativeQuery(CLEAR).setParameter("clientId", clientId).executeUpdate()
                    .replaceWithVoid();
            for (String segment : segments) {
                chain = chain.chain(() -> session.createNativeQuery(JOIN).setParameter("clientId", clientId)
                        .setParameter("segment", segment).executeUpdate().replaceWithVoid());
            }
            return chain;
        });
    }

    /** The client's segments, sorted; read once per transaction when {@link #prefetch} read them for a batch. */
    public Uni<List<String>> of(UUID clientId) {
        return TransactionMemo.<Map<UUID, List<String>>> of(READ, HashMap::new).chain(read -> {
            List<String> known = read.get(clientId);
            return known != null ? Uni.createFrom().item(known)
                    : Panache.getSession().chain(session -> session.<String>createNativeQuery(OF)
                            .setParameter("clientId", List.of(clientId)).getResultList());
        });
    }

    /** A batch's clients' segments in one statement, kept for the transaction, so that {@link #of} reads none. */
    public Uni<Void> prefetch(Collection<UUID> clientIds) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(OF_ALL, Object[].class)
                        .setParameter("clientIds", List.copyOf(clientIds)).getResultList())
                .chain(rows -> TransactionMemo.<Map<UUID, List<String>>> of(READ, HashMap::new).invoke(read -> {
                    for (UUID clientId : clientIds) {
                        read.put(clientId, new ArrayList<>());
                    }
                    for (Object[] row : rows) {
                        read.get(UUID.fromString((String) row[0])).add((String) row[1]);
                    }
                }))
                .replaceWithVoid();
    }
}
