package org.bankcrm.client.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.bankcrm.client.domain.AgeBand;
import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.ClientType;
import org.bankcrm.client.domain.IncomeBracket;
import org.bankcrm.platform.outbox.OutgoingEvent;

/**
 * The events client-service publishes on {@value #TOPIC}. Payloads carry what consumers need and no
 * personal data: an age band instead of the birth date, no name, e-mail, phone or external reference.
 * Contracts: {@code src/main/resources/contracts/}.
 */
public final class ClientEvents {
    public static final String TOPIC = "crm.client.events.v1";
    public static final String REGISTERED = "crm.client.registered";
    public static final String UPDATED = "crm.client.updated";
    public static final String PRODUCT_OPENED = "crm.client.product-opened";
    public static final String PRODUCT_CLOSED = "crm.client.product-closed";
    public static final String FINANCIALS_RECORDED = "crm.client.financials-recorded";
    public static final String VALUE_CHANGED = "crm.client.value-changed";
    public static final String SEGMENT_CHANGED = "crm.client.segment-changed";
    public static final String CONSENT_CHANGED = "crm.client.consent-changed";
    public static final String ERASED = "crm.client.erased";

    private ClientEvents() {
    }

    public record ConsentsData(boolean marketingEmail, boolean marketingSms, boolean marketingPush,
            boolean marketingPhone, boolean profiling) {
    }

    public record Registered(UUID clientId, ClientType type, AgeBand ageBand, IncomeBracket incomeBracket,
            LocalDate customerSince, ConsentsData consents, Instant registeredAt) {
    }

    public static OutgoingEvent registered(Client client, LocalDate today) {
        var consents = new ConsentsData(client.consents.marketingEmail, client.consents.marketingSms,
                client.consents.marketingPush, client.consents.marketingPhone, client.consents.profiling);
        var data = new Registered(client.id, client.type, client.ageBand(today), client.incomeBracket,
                client.customerSince, consents, client.createdAt);
        return OutgoingEvent.of(TOPIC, REGISTERED, client.id.toString(), data);
    }
}
