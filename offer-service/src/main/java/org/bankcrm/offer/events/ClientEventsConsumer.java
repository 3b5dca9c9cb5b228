package org.bankcrm.offer.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bankcrm.offer.app.ClientDirectory;
import org.bankcrm.offer.domain.ClientProfile;
import org.bankcrm.offer.domain.Demographics;
import org.bankcrm.offer.domain.MarketingConsents;
import org.bankcrm.platform.events.EventPayloads;
import org.bankcrm.platform.events.IncomingEvent;
import org.bankcrm.platform.inbox.Inbox;
import org.bankcrm.platform.inbox.Ordering;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * Applies client-service's events ({@code crm.client.events.v1}) to the local read model, once per
 * ce_id. What cannot be read throws, and the channel's dead-letter strategy moves it to the DLQ.
 */
@ApplicationScoped
public class ClientEventsConsumer {
    static final String CHANNEL = "client-events";
    static final String CONSUMER = "offer-service/client-events";
    static final String REGISTERED = "crm.client.registered";
    static final String UPDATED = "crm.client.updated";
    static final String CONSENT_CHANGED = "crm.client.consent-changed";
    static final String PRODUCT_OPENED = "crm.client.product-opened";
    static final String PRODUCT_CLOSED = "crm.client.product-closed";
    static final String SEGMENT_CHANGED = "crm.client.segment-changed";
    static final String VALUE_CHANGED = "crm.client.value-changed";
    static final String ERASED = "crm.client.erased";
    /**
     * The client events this service reads; the others (a month's financials) are turned down before any transaction:
     * a core system's monthly load of financials costs this service no inbox row and no statement.
     */
    static final java.util.Set<String> READ = java.util.Set.of(REGISTERED, UPDATED, CONSENT_CHANGED, PRODUCT_OPENED,
            PRODUCT_CLOSED, SEGMENT_CHANGED, VALUE_CHANGED, ERASED);

    /** Our reading of crm.client.registered: only what this service needs (contract: client-service). */
    public record ClientRegistered(@NotNull UUID clientId, @NotNull String type, @NotNull String ageBand, String incomeBracket,
            @NotNull @Valid Consents consents, @NotNull Instant registeredAt, String occupation, String maritalStatus,
            String education, Integer householdSize, Integer dependants) {

        void applyTo(ClientProfile profile) {
            profile.clientType = type;
            profile.ageBand = ageBand;
            profile.incomeBracket = incomeBracket;
            profile.consents = consents.toConsents();
            profile.registeredAt = registeredAt;
            profile.demographics(new Demographics(occupation, maritalStatus, education, householdSize, dependants));
        }
    }

    /** crm.client.updated carries the whole non-personal profile after the change. */
    public record ClientUpdated(@NotNull UUID clientId, @NotNull String type, @NotNull String ageBand, String incomeBracket,
            @NotNull @Valid Consents consents, @NotNull Instant updatedAt, String occupation, String maritalStatus,
            String education, Integer householdSize, Integer dependants) {

        Demographics demographics() {
            return new Demographics(occupation, maritalStatus, education, householdSize, dependants);
        }
    }

    public record ConsentChanged(@NotNull UUID clientId, @NotNull @Valid Consents consents, @NotNull Instant changedAt) {
    }

    /** product-opened and product-closed both carry the product types held after the change. */
    public record ProductsChanged(@NotNull UUID clientId, @NotNull String productType, @NotNull List<String> heldProductTypes) {
    }

    public record SegmentChanged(@NotNull UUID clientId, @NotNull List<String> segments, @NotNull Instant changedAt) {
    }

    public record ValueChanged(@NotNull UUID clientId, @NotNull String quadrant, @NotNull String strategy,
            @NotNull Instant computedAt) {
    }

    public record ClientErased(@NotNull UUID clientId, @NotNull Instant erasedAt) {
    }

    public record Consents(@NotNull Boolean marketingEmail, @NotNull Boolean marketingSms, @NotNull Boolean marketingPush,
            @NotNull Boolean marketingPhone, @NotNull Boolean profiling) {

        MarketingConsents toConsents() {
            return new MarketingConsents(marketingEmail, marketingSms, marketingPush, marketingPhone, profiling);
        }
    }

    private final EventPayloads payloads;
    private final Inbox inbox;
    private final ClientDirectory directory;

    public ClientEventsConsumer(EventPayloads payloads, Inbox inbox, ClientDirectory directory) {
        this.payloads = payloads;
        this.inbox = inbox;
        this.directory = directory;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ConsumerRecords<String, String>> poll) {
        return inbox.consumeBatch(CONSUMER, poll, Ordering.STATE, event -> READ.contains(event.type()),
                directory::prefetch, Inbox.eachInTurn(this::apply));
    }

    private Uni<?> apply(IncomingEvent event) {
        return switch (event.type()) {
            case REGISTERED -> {
                ClientRegistered e = payloads.read(event, ClientRegistered.class, ClientRegistered::clientId);
                yield directory.apply(e.clientId(), event.id(), e::applyTo);
            }
            case UPDATED -> {
                ClientUpdated e = payloads.read(event, ClientUpdated.class, ClientUpdated::clientId);
                yield directory.apply(e.clientId(), event.id(), p -> {
                    p.clientType = e.type();
                    p.ageBand = e.ageBand();
                    p.incomeBracket = e.incomeBracket();
                    p.consents = e.consents().toConsents();
                    p.demographics(e.demographics());
                });
            }
            case CONSENT_CHANGED -> {
                ConsentChanged e = payloads.read(event, ConsentChanged.class, ConsentChanged::clientId);
                yield directory.apply(e.clientId(), event.id(), p -> p.consents = e.consents().toConsents());
            }
            case PRODUCT_OPENED, PRODUCT_CLOSED -> {
                ProductsChanged e = payloads.read(event, ProductsChanged.class, ProductsChanged::clientId);
                yield directory.apply(e.clientId(), event.id(), p -> p.heldProducts(e.heldProductTypes()));
            }
            case SEGMENT_CHANGED -> {
                SegmentChanged e = payloads.read(event, SegmentChanged.class, SegmentChanged::clientId);
                yield directory.apply(e.clientId(), event.id(), p -> p.segments(e.segments()));
            }
            case VALUE_CHANGED -> {
                ValueChanged e = payloads.read(event, ValueChanged.class, ValueChanged::clientId);
                yield directory.apply(e.clientId(), event.id(), p -> {
                    p.quadrant = e.quadrant();
                    p.strategy = e.strategy();
                });
            }
            case ERASED -> {
                ClientErased e = payloads.read(event, ClientErased.class, ClientErased::clientId);
                yield directory.erase(e.clientId());
            }
            default -> Uni.createFrom().voidItem(); // not in READ: turned down before
        };
    }
}
