package org.bankcrm.interaction.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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

    /** Replaces the client's segments with {@code segments}, in the caller's transaction. */
    public Uni<Void> replace(UUID clientId, List<String> segments) {
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = session.createNativeQuery(CLEAR).setParameter("clientId", clientId).executeUpdate()
                    .replaceWithVoid();
            for (String segment : segments) {
                chain = chain.chain(() -> session.createNativeQuery(JOIN).setParameter("clientId", clientId)
                        .setParameter("segment", segment).executeUpdate().replaceWithVoid());
            }
            return chain;
        });
    }

    public Uni<List<String>> of(UUID clientId) {
        return Panache.getSession()
                .chain(session -> session.<String>createNativeQuery(OF).setParameter("clientId", List.of(clientId))
                        .getResultList());
    }
}
