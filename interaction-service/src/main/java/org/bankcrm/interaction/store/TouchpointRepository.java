package org.bankcrm.interaction.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.interaction.domain.Touchpoint;
import org.bankcrm.interaction.domain.TouchpointType;
import org.bankcrm.interaction.domain.Valence;
import org.bankcrm.platform.store.PlatformStatements;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TouchpointRepository implements PanacheRepositoryBase<Touchpoint, UUID> {

    /** Which of a client's touchpoints the timeline shows; a null criterion matches everything. */
    public record TimelineFilter(UUID clientId, Channel channel, TouchpointType type, Need need, Valence valence) {
    }

    public record TimelineSlice(List<Touchpoint> items, long total) {
    }

    /** Which of these touchpoint ids are recorded: one statement, whatever their number. */
    public Uni<Set<UUID>> recordedOf(Collection<UUID> ids) {
        return PlatformStatements.select(RECORDED_OF, (Object) ids.toArray(UUID[]::new))
                .map(rows -> rows.stream().map(row -> (UUID) row[0]).collect(Collectors.toSet()));
    }

    static final String RECORDED_OF = "select id from touchpoint where id = any($1)";

    /** Deletes every touchpoint of the client (erasure). */
    public Uni<Long> deleteOfClient(UUID clientId) {
        return delete("clientId", clientId);
    }

    /** One page of a client's touchpoints, newest first, with the total matching the filter. */
    public Uni<TimelineSlice> timeline(TimelineFilter filter, int page, int size) {
        StringBuilder query = new StringBuilder("clientId = :clientId");
        Parameters params = Parameters.with("clientId", filter.clientId());
        if (filter.channel() != null) {
            query.append(" and channel = :channel");
            params.and("channel", filter.channel());
        }
        if (filter.type() != null) {
            query.append(" and type = :type");
            params.and("type", filter.type());
        }
        if (filter.need() != null) {
            query.append(" and need = :need");
            params.and("need", filter.need());
        }
        if (filter.valence() != null) {
            query.append(" and valence = :valence");
            params.and("valence", filter.valence());
        }
        var found = find(query.toString(),
                Sort.by("occurredAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending), params);
        return found.count()
                .chain(total -> found.page(Page.of(page, size)).list()
                        .map(items -> new TimelineSlice(items, total)));
    }
}
