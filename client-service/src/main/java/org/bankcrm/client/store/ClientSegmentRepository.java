package org.bankcrm.client.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.ClientSegment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Segment membership; written with native statements that tolerate the live and the bulk recomputation meeting. */
@ApplicationScoped
public class ClientSegmentRepository implements PanacheRepositoryBase<ClientSegment, ClientSegment.Key> {

    public Uni<List<ClientSegment>> ofClients(Collection<UUID> clientIds) {
        return list("clientId in ?1", clientIds);
    }

    public Uni<List<String>> codesOf(UUID clientId) {
        return list("clientId = ?1 order by segmentCode", clientId).map(rows -> rows.stream().map(r -> r.segmentCode).toList());
    }

    public Uni<Void> join(UUID clientId, Collection<String> codes, Instant since) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String code : codes) {
            chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                    insert into client_segment (client_id, segment_code, since) values (:client, :code, :since)
                    on conflict do nothing""")
                    .setParameter("client", clientId).setParameter("code", code)
                    .setParameter("since", since.atOffset(ZoneOffset.UTC)).executeUpdate()).replaceWithVoid());
        }
        return chain;
    }

    public Uni<Void> leave(UUID clientId, Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return delete("clientId = ?1 and segmentCode in ?2", clientId, codes).replaceWithVoid();
    }
}
