package org.bankcrm.client.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.DepartureReason;
import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.client.events.ClientEvents;
import org.bankcrm.platform.outbox.Outbox;
import org.bankcrm.platform.outbox.OutgoingEvent;
import org.bankcrm.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A client leaving the bank and coming back: {@code crm.client.left} when another system reports them gone or
 * their last open product closes, {@code crm.client.returned} when a client who left opens a product again.
 * Each runs in the caller's transaction under the client's lock, after the change that caused it.
 */
@ApplicationScoped
public class ClientDepartures {
    private final ClientRegistry registry;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public ClientDepartures(ClientRegistry registry, Outbox outbox) {
        this.registry = registry;
        this.outbox = outbox;
    }

    /** The client's departure as it stands, and whether this call recorded it. */
    public record Departure(Client client, boolean recorded) {
    }

    /**
     * Another system reports the client gone at {@code leftAt} (now when absent); a client already gone keeps
     * their first departure and nothing is published again.
     */
    @WithTransaction
    public Uni<Departure> report(UUID clientId, Instant leftAt, String reportedReason) {
        Instant now = clock.instant();
        return registry.locked(clientId).chain(client -> {
            if (client.hasLeft()) {
                return Uni.createFrom().item(new Departure(client, false));
            }
            Instant at = leftAt == null ? now : leftAt;
            client.departureProblem(at, now).ifPresent(problem -> {
                throw ProblemException.invalidField("leftAt", problem);
            });
            client.leave(at, DepartureReason.REPORTED, reportedReason, now);
            return outbox.append(ClientEvents.left(client)).replaceWith(new Departure(client, true));
        });
    }

    /**
     * After a product closed, with the client's products as they are now: the client leaves when none is open any more,
     * on its closing day; the {@code crm.client.left} when this recorded the departure. Nothing stored yet.
     */
    Optional<OutgoingEvent> productClosed(Client client, List<HeldProduct> held, LocalDate closedAt) {
        Instant now = clock.instant();
        if (held.stream().anyMatch(HeldProduct::isOpen)
                || !client.leave(instantOf(closedAt, now), DepartureReason.ALL_PRODUCTS_CLOSED, null, now)) {
            return Optional.empty();
        }
        return Optional.of(ClientEvents.left(client));
    }

    /**
     * After a product opened: a client who had left is back, on its opening day (never before they left); the
     * {@code crm.client.returned} when they were gone. Nothing stored yet.
     */
    Optional<OutgoingEvent> productOpened(Client client, LocalDate openedAt) {
        Instant now = clock.instant();
        Instant returnedAt = client.returnAt(instantOf(openedAt, now), now);
        return returnedAt == null ? Optional.empty() : Optional.of(ClientEvents.returned(client.id, returnedAt));
    }

    /** A business day as an instant: now when it is today, else its start (UTC), as products carry dates only. */
    static Instant instantOf(LocalDate day, Instant now) {
        return day.equals(LocalDate.ofInstant(now, ZoneOffset.UTC)) ? now : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
