package org.bankcrm.client.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.client.domain.ProductType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Held products read and written many at a time, as {@link ClientRows} does for clients: arrays bound as one
 * parameter each, values as text cast in SQL, on a connection inside the caller's transaction.
 */
@ApplicationScoped
public class ProductRows {
    /** In the order of {@link HeldProductRepository#ofClient}, which the rules that pick "the first" rely on. */
    static final String HELD = """
            select id, client_id, type, opened_at, closed_at, balance::text, only_once, created_at, updated_at
            from held_product where client_id = any($1::uuid[]) order by client_id, opened_at, created_at, id
            """;

    static final String INSERT = """
            insert into held_product (id, client_id, type, opened_at, closed_at, balance, only_once, created_at, updated_at)
            select u.id::uuid, u.client::uuid, u.type, u.opened::date, u.closed::date, u.balance::numeric, u.once::boolean,
                u.created::timestamptz, u.updated::timestamptz
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                 as u(id, client, type, opened, closed, balance, once, created, updated)
            """;

    static final String CLOSE = """
            update held_product p set closed_at = u.closed::date, updated_at = u.updated::timestamptz
            from unnest($1::text[], $2::text[], $3::text[]) as u(id, closed, updated)
            where p.id = u.id::uuid
            """;

    /** Every product of each client, open and closed, oldest first (absent: none). */
    public Uni<Map<UUID, List<HeldProduct>>> held(SqlConnection connection, Collection<UUID> clientIds) {
        return connection.preparedQuery(HELD).execute(Tuple.of(clientIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, List<HeldProduct>> held = new HashMap<>();
            for (Row row : rows) {
                HeldProduct p = new HeldProduct();
                p.id = row.getUUID(0);
                p.clientId = row.getUUID(1);
                p.type = ProductType.valueOf(row.getString(2));
                p.openedAt = row.getLocalDate(3);
                p.closedAt = row.getLocalDate(4);
                String balance = row.getString(5);
                p.balance = balance == null ? null : new BigDecimal(balance);
                p.onlyOnce = row.getBoolean(6);
                p.createdAt = row.getOffsetDateTime(7).toInstant();
                p.updatedAt = row.getOffsetDateTime(8).toInstant();
                held.computeIfAbsent(p.clientId, k -> new ArrayList<>()).add(p);
            }
            return held;
        });
    }

    /** Stores new products as they stand (open, or closed already), in one statement. */
    public Uni<Void> insert(SqlConnection connection, List<HeldProduct> products) {
        return ClientRows.executeByColumn(connection, INSERT, products, List.of(p -> p.id.toString(), p -> p.clientId.toString(),
                p -> p.type.name(), p -> p.openedAt.toString(), p -> p.closedAt == null ? null : p.closedAt.toString(),
                p -> p.balance == null ? null : p.balance.toPlainString(), p -> Boolean.toString(p.onlyOnce),
                p -> p.createdAt.toString(), p -> p.updatedAt.toString()));
    }

    /** Stores the closing of products stored before, in one statement. */
    public Uni<Void> close(SqlConnection connection, List<HeldProduct> products) {
        return ClientRows.executeByColumn(connection, CLOSE, products,
                List.of(p -> p.id.toString(), p -> p.closedAt.toString(), p -> p.updatedAt.toString()));
    }
}
