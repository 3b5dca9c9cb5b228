package org.bankcrm.client.store;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Segment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SegmentRepository implements PanacheRepositoryBase<Segment, UUID> {

    /** Size and, over the members, average profitability and open products per client. */
    public record Analysis(long size, BigDecimal averageProfitability, BigDecimal averageProducts) {
    }

    static final String ANALYSIS = """
            select count(*), avg(c.profitability), avg(coalesce(p.n, 0))
            from client_segment s
            join client c on c.id = s.client_id
            left join lateral (select count(*) as n from held_product h
                               where h.client_id = s.client_id and h.closed_at is null) p on true
            where s.segment_code = :code
            """;

    public Uni<Segment> findByCode(String code) {
        return find("code", code).firstResult();
    }

    public Uni<List<Segment>> allByCode() {
        return list("order by code");
    }

    public Uni<List<Segment>> active() {
        return list("active = true order by code");
    }

    public Uni<Analysis> analysis(String code) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ANALYSIS, Object[].class)
                .setParameter("code", code)
                .getSingleResult()
                .map(row -> new Analysis(((Number) row[0]).longValue(), decimal(row[1]), decimal(row[2]))));
    }

    public Uni<Void> recordVersion(Segment s) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into segment_version (segment_id, version, name, description, condition_json, expected_products, active, created_at)
                values (:id, :version, :name, :description, :condition, :expected, :active, :at)
                """)
                .setParameter("id", s.id).setParameter("version", s.version).setParameter("name", s.name)
                .setParameter("description", s.description).setParameter("condition", s.condition)
                .setParameter("expected", s.expectedProducts).setParameter("active", s.active)
                .setParameter("at", s.updatedAt.atOffset(java.time.ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
