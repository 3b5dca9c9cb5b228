package org.bankcrm.loyalty.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.loyalty.domain.ClientProfile;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ClientProfileRepository implements PanacheRepositoryBase<ClientProfile, UUID> {

    /** The next {@code size} client ids after {@code after} (null: from the first), in id order. */
    public Uni<List<UUID>> idsAfter(UUID after, int size) {
        var query = after == null
                ? find("select clientId from ClientProfile", Sort.by("clientId"))
                : find("select clientId from ClientProfile where clientId > ?1", Sort.by("clientId"), after);
        return query.page(Page.ofSize(size)).project(UUID.class).list();
    }
}
