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
