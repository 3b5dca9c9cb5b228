package org.bankcrm.loyalty.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.LoyaltyScore;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LoyaltyScoreRepository implements PanacheRepositoryBase<LoyaltyScore, UUID> {

    /** One cell of the distribution: how many clients have this type and fall in these score buckets. */
    public record DistributionCell(String type, int behaviouralBucket, int perceivedBucket, int churnBucket, long clients) {
    }

    static final String DISTRIBUTION = """
            select s.loyalty_type, width_bucket(s.behavioural, 0, 100.0001, 10), width_bucket(s.perceived, 0, 100.0001, 10),
                   coalesce(width_bucket(s.churn_risk, 0, 1.0001, 10), 0), count(*)
            from loyalty_score s join client_profile c on c.client_id = s.client_id
            where (cast(:segment as text) is null or c.segments like '%,' || cast(:segment as text) || ',%')
              and (cast(:quadrant as text) is null or c.value_quadrant = cast(:quadrant as text))
            group by 1, 2, 3, 4
            """;

    /** Counts per type and per decile of each score, for the clients in the segment and quadrant (null: all). */
    @SuppressWarnings("unchecked")
    public Uni<List<DistributionCell>> distribution(String segment, String quadrant) {
        return Panache.getSession().chain(session -> session.createNativeQuery(DISTRIBUTION, Object[].class)
                .setParameter("segment", segment)
                .setParameter("quadrant", quadrant)
                .getResultList())
                .map(rows -> ((List<Object[]>) (List<?>) rows).stream().map(r -> new DistributionCell((String) r[0],
                        ((Number) r[1]).intValue(), ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                        ((Number) r[4]).longValue())).toList());
    }
}
