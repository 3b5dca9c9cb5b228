package org.bankcrm.loyalty.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.bankcrm.loyalty.domain.ClientFact;
import org.bankcrm.platform.events.EventPayloads;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.events.MalformedEventException;

/**
 * Our reading of client-service's and interaction-service's events (contracts: the copies under
 * src/test/resources/contracts/), into the facts loyalty scoring needs. Types we do not need read as empty.
 */
@ApplicationScoped
public class FactReader {
    public static final String REGISTERED = "crm.client.registered";
    public static final String UPDATED = "crm.client.updated";
    public static final String PRODUCT_OPENED = "crm.client.product-opened";
    public static final String PRODUCT_CLOSED = "crm.client.product-closed";
    public static final String FINANCIALS_RECORDED = "crm.client.financials-recorded";
    public static final String SEGMENT_CHANGED = "crm.client.segment-changed";
    public static final String VALUE_CHANGED = "crm.client.value-changed";
    public static final String ERASED = "crm.client.erased";
    public static final String LEFT = "crm.client.left";
    public static final String CONSENT_CHANGED = "crm.client.consent-changed";
    public static final String RETURNED = "crm.client.returned";
    public static final String INTERACTION_RECORDED = "crm.interaction.recorded";
    public static final String JOURNEY_CLOSED = "crm.interaction.journey-closed";

    public record ClientRegistered(@NotNull UUID clientId, @NotNull String type, @NotNull String ageBand,
            @NotNull LocalDate customerSince, @NotNull Instant registeredAt, Consents consents, String countryOfResidence,
            @Min(1900) @Max(2100) Integer birthYear) {
    }

    /** The one consent loyalty reads (of registered and consent-changed's {@code consents}). */
    public record Consents(Boolean profiling) {
    }

    public record ConsentChanged(@NotNull UUID clientId, @NotNull @jakarta.validation.Valid Consents consents) {
    }

    public record ClientUpdated(@NotNull UUID clientId, @NotNull String type, @NotNull String ageBand,
            @NotNull LocalDate customerSince, String countryOfResidence, @Min(1900) @Max(2100) Integer birthYear) {
    }

    /** crm.client.product-opened and crm.client.product-closed (closedAt only on the latter). */
    public record ProductChanged(@NotNull UUID clientId, @NotNull String productType, @NotNull LocalDate openedAt,
            LocalDate closedAt, @NotNull List<@NotNull String> heldProductTypes) {
    }

    public record FinancialsRecorded(@NotNull UUID clientId, @NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])") String month,
            @NotNull Double averageBalance, @NotNull @Min(0) Integer transactionCount, @Min(0) Double transactionAmount) {
    }

    public record SegmentChanged(@NotNull UUID clientId, @NotNull List<@NotNull String> segments) {
    }

    public record ValueChanged(@NotNull UUID clientId, @NotNull String quadrant) {
    }

    public record ClientErased(@NotNull UUID clientId, @NotNull Instant erasedAt) {
    }

    public record ClientLeft(@NotNull UUID clientId, @NotNull Instant leftAt,
            @NotNull @Pattern(regexp = "ALL_PRODUCTS_CLOSED|REPORTED") String reason) {
    }

    public record ClientReturned(@NotNull UUID clientId, @NotNull Instant returnedAt) {
    }

    public record InteractionRecorded(@NotNull UUID interactionId, @NotNull UUID clientId, @NotNull Instant occurredAt,
            @NotNull String channel, @NotNull String type, @NotNull String initiator, @NotNull String outcome,
            @NotNull String valence, String cause, @Min(1) @Max(5) Integer csat, @Min(0) @Max(10) Integer nps,
            UUID journeyId, Boolean repeatContact) {
    }

    public record JourneyClosed(@NotNull UUID journeyId, @NotNull UUID clientId, @NotNull String status,
            @NotNull Instant closedAt) {
    }

    private final EventPayloads payloads;

    public FactReader(EventPayloads payloads) {
        this.payloads = payloads;
    }

    /** The fact the event tells, or empty for a type loyalty does not need; a broken event throws. */
    public Optional<ClientFact> read(IncomingEvent event) {
        ClientFact fact = switch (event.type()) {
            case REGISTERED -> {
                var r = payloads.read(event, ClientRegistered.class);
                yield new ClientFact.Registered(r.clientId(), r.type(), r.ageBand(), r.customerSince(), r.registeredAt(),
                        r.consents() == null ? null : r.consents().profiling(), r.countryOfResidence(),
                        r.birthYear());
            }
            case UPDATED -> {
                var u = payloads.read(event, ClientUpdated.class);
                yield new ClientFact.Updated(u.clientId(), u.type(), u.ageBand(), u.customerSince(),
                        u.countryOfResidence(), u.birthYear());
            }
            case PRODUCT_OPENED -> {
                var o = payloads.read(event, ProductChanged.class);
                yield new ClientFact.ProductOpened(o.clientId(), o.productType(), o.openedAt(), o.heldProductTypes());
            }
            case PRODUCT_CLOSED -> {
                var c = payloads.read(event, ProductChanged.class);
                if (c.closedAt() == null) {
                    throw new MalformedEventException(event.type() + " data is invalid: closedAt must not be null");
                }
                yield new ClientFact.ProductClosed(c.clientId(), c.productType(), c.closedAt(), c.heldProductTypes());
            }
            case FINANCIALS_RECORDED -> {
                var f = payloads.read(event, FinancialsRecorded.class);
                yield new ClientFact.FinancialsRecorded(f.clientId(), YearMonth.parse(f.month()), f.averageBalance(),
                        f.transactionCount(), f.transactionAmount());
            }
            case SEGMENT_CHANGED -> {
                var s = payloads.read(event, SegmentChanged.class);
                yield new ClientFact.SegmentChanged(s.clientId(), s.segments());
            }
            case VALUE_CHANGED -> {
                var v = payloads.read(event, ValueChanged.class);
                yield new ClientFact.ValueChanged(v.clientId(), v.quadrant());
            }
            case ERASED -> {
                var e = payloads.read(event, ClientErased.class);
                yield new ClientFact.Erased(e.clientId(), e.erasedAt());
            }
            case CONSENT_CHANGED -> {
                var c = payloads.read(event, ConsentChanged.class);
                if (c.consents().profiling() == null) {
                    throw new MalformedEventException(event.type() + " data is invalid: consents.profiling must not be null");
                }
                yield new ClientFact.ConsentChanged(c.clientId(), c.consents().profiling());
            }
            case LEFT -> {
                var l = payloads.read(event, ClientLeft.class);
                yield new ClientFact.Left(l.clientId(), l.leftAt(), l.reason());
            }
            case RETURNED -> {
                var r = payloads.read(event, ClientReturned.class);
                yield new ClientFact.Returned(r.clientId(), r.returnedAt());
            }
            case INTERACTION_RECORDED -> {
                var i = payloads.read(event, InteractionRecorded.class);
                yield new ClientFact.InteractionRecorded(i.clientId(), i.occurredAt(), i.type(), i.initiator(),
                        i.outcome(), i.valence(), i.cause(), i.csat(), i.nps(), i.journeyId(),
                        Boolean.TRUE.equals(i.repeatContact()));
            }
            case JOURNEY_CLOSED -> {
                var j = payloads.read(event, JourneyClosed.class);
                yield new ClientFact.JourneyClosed(j.clientId(), j.journeyId(), j.status(), j.closedAt());
            }
            default -> null;
        };
        if (fact != null) {
            event.requireSubject(fact.clientId());
        }
        return Optional.ofNullable(fact);
    }
}
