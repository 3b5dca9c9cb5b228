package org.bankcrm.client.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, UUID> {

    /** One page of a search and how many clients match in all. */
    public record Page(List<Client> items, long total) {
    }

    public Uni<Client> findByExternalRef(String externalRef) {
        return find("externalRef", externalRef).firstResult();
    }

    private Uni<List<Client>> inOrder(List<String> ids) {
        List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
        return list("id in ?1", uuids).map(found -> {
            Map<UUID, Client> byId = new java.util.HashMap<>();
            found.forEach(c -> byId.put(c.id, c));
            return uuids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        });
    }

    /** Native SQL, so that the name match is the indexed {@code search_name like ...} the migration prepared. */
    public Uni<Page> search(ClientSearch search) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        where.add("c.erased_at is null");
        if (search.q() != null && !search.q().isBlank()) {
            String q = search.q().trim();
            where.add("""
                    (c.search_name like '%' || crm_search_text(:fragment) || '%'
                     or c.external_ref = :q or lower(c.email) = :lowerQ or c.phone = :phone)""");
            params.put("fragment", ClientSearch.likeFragment(q));
            params.put("q", q);
            params.put("lowerQ", ClientSearch.lower(q));
            params.put("phone", ClientSearch.phoneOf(q));
        }
        if (search.quadrant() != null) {
            where.add("c.value_quadrant = :quadrant");
            params.put("quadrant", search.quadrant().name());
        }
        if (search.strategy() != null) {
            where.add("c.strategy = :strategy");
            params.put("strategy", search.strategy().name());
        }
        if (search.segment() != null && !search.segment().isBlank()) {
            where.add("exists (select 1 from client_segment s where s.client_id = c.id and s.segment_code = :segment)");
            params.put("segment", search.segment());
        }
        String filter = " from client c where " + String.join(" and ", where);
        String select = "select cast(c.id as text)" + filter + " order by " + search.order().sql() + " limit :limit offset :offset";
        String count = "select count(*)" + filter;
        return Panache.getSession().chain(session -> {
            // ids first, entities second: a native query mapped to the entity trips over the generated column
            Mutiny.SelectionQuery<String> page = session.createNativeQuery(select, String.class);
            Mutiny.SelectionQuery<Long> total = session.createNativeQuery(count, Long.class);
            params.forEach((name, value) -> {
                page.setParameter(name, value);
                total.setParameter(name, value);
            });
            page.setParameter("limit", search.size());
            page.setParameter("offset", (long) search.page() * search.size());
            return page.getResultList()
                    .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Client>of()) : inOrder(ids))
                    .chain(items -> total.getSingleResult().map(n -> new Page(items, n)));
        });
    }
}
