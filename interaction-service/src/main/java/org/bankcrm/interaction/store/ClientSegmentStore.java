package org.bankcrm.interaction.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.platform.store.PlatformStatements;
import org.bankcrm.platform.store.TransactionMemo;

import io.smallrye.mutiny.Uni;

/** Which need-based segments each client belongs to, kept from crm.client.segment-changed. */
@ApplicationScoped
public class ClientSegmentStore {
    // on the session's connection, without Hibernate (PlatformStatements): run for every touchpoint and segment change
    static final String CLEAR = "delete from client_segment where client_id = $1";
    static final String JOIN = "insert into client_segment (client_id, segment) select $1, unnest($2::text[]) on conflict do nothing";
    static final String OF = "select segment from client_segment where client_id = $1 order by segment";
    static final String OF_ALL = "select client_id, segment from client_segment where client_id = any($1::uuid[]) order by segment";
    private static final String READ = ClientSegmentStore.class.getName() + ".read";

    /** Replaces the client's segments with {@code segments}, in the caller's transaction. */
    public Uni<Void> replace(UUID clientId, List<String> segments) {
        return TransactionMemo.<Map<UUID, List<String>>> of(READ, HashMap::new).invoke(read -> read.remove(clientId))
                .chain(() -> PlatformStatements.update(CLEAR, clientId))
                .chain(() -> segments.isEmpty() ? Uni.createFrom().voidItem()
                        : PlatformStatements.update(JOIN, clientId, segments.toArray(String[]::new)).replaceWithVoid());
    }

    /** The client's segments, sorted; read once per transaction when {@link #prefetch} read them for a batch. */
    public Uni<List<String>> of(UUID clientId) {
        return TransactionMemo.<Map<UUID, List<String>>> of(READ, HashMap::new).chain(read -> {
            List<String> known = read.get(clientId);
            return known != null ? Uni.createFrom().item(known)
                    : PlatformStatements.select(OF, clientId).map(rows -> rows.stream().map(row -> (String) row[0]).toList());
        });
    }

    /** A batch's clients' segments in one statement, kept for the transaction, so that {@link #of} reads none. */
    public Uni<Void> prefetch(Collection<UUID> clientIds) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return PlatformStatements.select(OF_ALL, (Object) clientIds.toArray(UUID[]::new))
                .chain(rows -> TransactionMemo.<Map<UUID, List<String>>> of(READ, HashMap::new).invoke(read -> {
                    for (UUID clientId : clientIds) {
                        read.put(clientId, new ArrayList<>());
                    }
                    for (Object[] row : rows) {
                        read.get((UUID) row[0]).add((String) row[1]);
                    }
                }))
                .replaceWithVoid();
    }
}
