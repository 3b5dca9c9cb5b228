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

    /**
     * One page of a search and how many clients match in all: counted exactly ({@code exact}) up to the
     * count limit, above it the planner's estimate (never below the limit + 1).
     */
    public record Page(List<Client> items, long total, boolean exact) {
    }

    private static final java.util.regex.Pattern PLAN_ROWS = java.util.regex.Pattern.compile("rows=(\\d+)");

    private final long countLimit;

    public ClientRepository(
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "crm.client.search.count-limit", defaultValue = "10000") long countLimit) {
        this.countLimit = countLimit;
    }

    public Uni<Client> findByExternalRef(String externalRef) {
        return find("externalRef", externalRef).firstResult();
    }

    /** Up to {@code limit} ids of live clients after {@code after} in id order; ids only, so no client enters the session unlocked. */
    public Uni<List<UUID>> liveIdsAfter(UUID after, int limit) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select c.id from Client c where c.erasedAt is null and c.id > :after order by c.id", UUID.class)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Those of {@code ids} that are live, in id order. */
    public Uni<List<Client>> liveAmong(List<UUID> ids) {
        return list("id in ?1 and erasedAt is null order by id", ids);
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
        // counting every match of a broad search reads them all (a million clients with no filter): count up to
        // the limit, which an index or a short scan answers, and estimate beyond it
        String count = "select count(*) from (select 1" + filter + " limit :countUpTo) matches";
        String estimate = "explain select 1" + filter;
        return Panache.getSession().chain(session -> {
            // ids first, entities second: a native query mapped to the entity trips over the generated column
            Mutiny.SelectionQuery<String> page = session.createNativeQuery(select, String.class);
            Mutiny.SelectionQuery<Long> total = session.createNativeQuery(count, Long.class);
            params.forEach((name, value) -> {
                page.setParameter(name, value);
                total.setParameter(name, value);
            });
            total.setParameter("countUpTo", countLimit + 1);
            page.setParameter("limit", search.size());
            page.setParameter("offset", (long) search.page() * search.size());
            return page.getResultList()
                    .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Client>of()) : inOrder(ids))
                    .chain(items -> total.getSingleResult().chain(n -> {
                        if (n <= countLimit) {
                            return Uni.createFrom().item(new Page(items, n, true));
                        }
                        Mutiny.SelectionQuery<String> plan = session.createNativeQuery(estimate, String.class);
                        params.forEach(plan::setParameter);
                        return plan.getResultList().map(lines -> new Page(items, Math.max(countLimit + 1, planRows(lines)), false));
                    }));
        });
    }

    /** The row estimate of the plan's top node (first line of EXPLAIN's text output). */
    static long planRows(List<String> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        java.util.regex.Matcher rows = PLAN_ROWS.matcher(lines.get(0));
        return rows.find() ? Long.parseLong(rows.group(1)) : 0;
    }
}
