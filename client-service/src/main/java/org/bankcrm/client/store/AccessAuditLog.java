package org.bankcrm.client.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.AccessRecord;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The audit trail in {@code access_audit}: appended in batches, read by client and time. */
@ApplicationScoped
public class AccessAuditLog {
    private final Pool pool;

    public AccessAuditLog(Pool pool) {
        this.pool = pool;
    }

    /** A page of entries, newest first, and how many match in all. */
    public record Page(List<AccessRecord> items, long total) {
    }

    /** Writes the entries in one round trip (a prepared batch). */
    public Uni<Void> append(List<AccessRecord> records) {
        List<Tuple> rows = new ArrayList<>(records.size());
        for (AccessRecord r : records) {
            rows.add(Tuple.from(Arrays.asList(utc(r.occurredAt()), r.clientId(), r.principal(),
                    r.roles().toArray(String[]::new), r.method(), r.route(), r.status(), r.requestId())));
        }
        return pool.preparedQuery("insert into access_audit (occurred_at, client_id, principal, roles, method, route, status,"
                + " request_id) values ($1, $2, $3, $4, $5, $6, $7, $8)")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** Entries of one client (or of all when {@code clientId} is null) in [from, to), newest first. */
    public Uni<Page> find(UUID clientId, Instant from, Instant to, int page, int size) {
        String where = " where occurred_at >= $1 and occurred_at < $2" + (clientId == null ? "" : " and client_id = $3");
        Tuple params = clientId == null ? Tuple.of(utc(from), utc(to)) : Tuple.of(utc(from), utc(to), clientId);
        Uni<List<AccessRecord>> items = pool.preparedQuery("select occurred_at, client_id, principal, roles, method, route,"
                + " status, request_id from access_audit" + where + " order by occurred_at desc, id desc"
                + " limit " + size + " offset " + ((long) page * size))
                .execute(params)
                .map(rows -> {
                    List<AccessRecord> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(read(row));
                    }
                    return found;
                });
        Uni<Long> total = pool.preparedQuery("select count(*) from access_audit" + where).execute(params)
                .map(rows -> rows.iterator().next().getLong(0));
        return items.flatMap(list -> total.map(count -> new Page(list, count)));
    }

    private static AccessRecord read(Row row) {
        String[] roles = row.getArrayOfStrings("roles");
        return new AccessRecord(row.getOffsetDateTime("occurred_at").toInstant(), row.getUUID("client_id"),
                row.getString("principal"), roles == null ? List.of() : List.of(roles), row.getString("method"),
                row.getString("route"), row.getInteger("status"), row.getString("request_id"));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
