package org.bankcrm.offer.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Answers counted in the database: one GROUP BY GROUPING SETS pass (over the covering index
 * {@code offer_response_performance}) gives responses and acceptances per offer, channel, control group (answers of
 * decisions ranked with the client's models only; the others as WITHOUT_PROFILING) and segment combination; the
 * combinations are then split into single segments and summed (few rows by then).
 */
@ApplicationScoped
public class ResponseStatistics {
    public static final String OFFER = "OFFER";
    public static final String CHANNEL = "CHANNEL";
    public static final String SEGMENT = "SEGMENT";
    public static final String CONTROL_GROUP = "CONTROL_GROUP";
    public static final String WITHOUT_PROFILING = "WITHOUT_PROFILING";

    static final String COUNTS = """
            with g as (
                select grouping(offer_id) as no_offer, grouping(channel) as no_channel,
                       grouping(control_group) as no_group, grouping(segments) as no_segments,
                       offer_id, channel, control_group, profiled, segments,
                       count(*) as responses, count(*) filter (where outcome = 'ACCEPTED') as accepted
                  from offer_response
                 group by grouping sets ((offer_id), (channel), (control_group, profiled), (segments)))
            select 'OFFER', coalesce(o.code, cast(g.offer_id as text)), g.responses, g.accepted
              from g left join offer o on o.id = g.offer_id where g.no_offer = 0
            union all
            select 'CHANNEL', g.channel, g.responses, g.accepted from g where g.no_channel = 0
            union all
            select 'CONTROL_GROUP', cast(g.control_group as text), g.responses, g.accepted from g where g.no_group = 0 and g.profiled
            union all
            select 'WITHOUT_PROFILING', 'all', cast(sum(g.responses) as bigint), cast(sum(g.accepted) as bigint)
              from g where g.no_group = 0 and not g.profiled having count(*) > 0
            union all
            select 'SEGMENT', s.segment, cast(sum(g.responses) as bigint), cast(sum(g.accepted) as bigint)
              from g cross join lateral unnest(case when g.segments = '' then array['(none)']
                                                    else string_to_array(g.segments, ',') end) as s(segment)
             where g.no_segments = 0
             group by s.segment
            order by 1, 2
            """;

    /**
     * Responses and acceptances of one key of one dimension (OFFER code, CHANNEL, SEGMENT, CONTROL_GROUP true/false,
     * WITHOUT_PROFILING all).
     */
    public record Count(String dimension, String key, long responses, long accepted) {
    }

    @SuppressWarnings("unchecked")
    public Uni<List<Count>> counts() {
        return Panache.getSession().chain(s -> s.createNativeQuery(COUNTS, Object[].class).getResultList())
                .map(rows -> ((List<Object[]>) (List<?>) rows).stream().map(r -> new Count((String) r[0], (String) r[1],
                        ((Number) r[2]).longValue(), ((Number) r[3]).longValue())).toList());
    }
}
