package org.bankcrm.interaction.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.bankcrm.interaction.domain.Journey;
import org.bankcrm.interaction.domain.JourneyStatus;
import org.bankcrm.interaction.domain.Need;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class JourneyRepository implements PanacheRepositoryBase<Journey, UUID> {

    /** The client's open journey on the need, locked for the transaction that adds a contact to it. */
    /** Deletes every journey of the client (erasure). */
    public Uni<Long> deleteOfClient(UUID clientId) {
        return delete("clientId", clientId);
    }

    public Uni<Journey> openFor(UUID clientId, Need need) {
        return find("clientId = ?1 and need = ?2 and status = ?3", clientId, need, JourneyStatus.OPEN)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The open journeys of {@code clientIds}, locked as {@link #openFor} locks one (an ingest batch's prefetch). */
    public Uni<List<Journey>> openOf(Collection<UUID> clientIds) {
        return find("clientId in ?1 and status = ?2", List.copyOf(clientIds), JourneyStatus.OPEN)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The most recently resolved journey of each of {@code clientIds} on each need (an ingest batch's prefetch). */
    public Uni<List<Journey>> lastResolvedOf(Collection<UUID> clientIds) {
        return find("from Journey j where j.clientId in ?1 and j.status = ?2 and j.closedAt = (select max(k.closedAt)"
                + " from Journey k where k.clientId = j.clientId and k.need = j.need and k.status = ?2)",
                List.copyOf(clientIds), JourneyStatus.RESOLVED).list();
    }

    /** The client's most recently resolved journey on the need. */
    public Uni<Journey> lastResolved(UUID clientId, Need need) {
        return find("clientId = ?1 and need = ?2 and status = ?3", Sort.by("closedAt", Sort.Direction.Descending),
                clientId, need, JourneyStatus.RESOLVED).firstResult();
    }

    /** An open journey that may have been left: its id and client, to lock the client before looking closer. */
    public record StaleJourney(UUID id, UUID clientId) {
    }

    /**
     * Ids and clients of the open journeys whose last contact occurred before {@code contactCutoff} and was
     * recorded before {@code recordedCutoff}, the oldest first.
     */
    public Uni<List<StaleJourney>> staleOpen(Instant contactCutoff, Instant recordedCutoff, int limit) {
        return find("status = ?1 and lastContactAt < ?2 and lastRecordedAt < ?3", Sort.by("lastContactAt"),
                JourneyStatus.OPEN, contactCutoff, recordedCutoff)
                .project(StaleJourney.class)
                .page(Page.ofSize(limit)).list();
    }

    public record JourneySlice(List<Journey> items, long total) {
    }

    /** A client's journeys, the latest begun first; status and need null for all. */
    public Uni<JourneySlice> ofClient(UUID clientId, JourneyStatus status, Need need, int page, int size) {
        StringBuilder query = new StringBuilder("clientId = :clientId");
        var params = io.quarkus.panache.common.Parameters.with("clientId", clientId);
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (need != null) {
            query.append(" and need = :need");
            params.and("need", need);
        }
        var found = find(query.toString(), Sort.by("startedAt", Sort.Direction.Descending).and("id"), params);
        return found.count().chain(total -> found.page(Page.of(page, size)).list().map(items -> new JourneySlice(items, total)));
    }
}
