package org.bankcrm.loyalty.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ChurnObservation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ChurnObservationRepository implements PanacheRepositoryBase<ChurnObservation, Long> {

    /** Mean and standard deviation of one input over every observation that kept its inputs. */
    public record InputStats(int index, double mean, double sd, long count) {
    }

    static final String INPUT_STATS = """
            select t.i, avg(t.v), coalesce(stddev_pop(t.v), 0), count(*)
            from churn_observation o,
                 unnest(cast(string_to_array(o.inputs, ',') as float8[])) with ordinality as t(v, i)
            where o.inputs is not null
            group by t.i order by t.i
            """;

    /** Per input (0-based, in feature order): its mean and standard deviation over all observations. */
    @SuppressWarnings("unchecked")
    public Uni<List<InputStats>> allTimeInputStats() {
        return Panache.getSession().chain(session -> session.createNativeQuery(INPUT_STATS, Object[].class).getResultList())
                .map(rows -> ((List<Object[]>) (List<?>) rows).stream().map(r -> new InputStats(((Number) r[0]).intValue() - 1,
                        ((Number) r[1]).doubleValue(), ((Number) r[2]).doubleValue(), ((Number) r[3]).longValue())).toList());
    }

    /** The newest {@code limit} observations (the quality report's window). */
    public Uni<List<ChurnObservation>> newest(int limit) {
        return findAll(Sort.descending("id")).range(0, limit - 1).list();
    }
}
