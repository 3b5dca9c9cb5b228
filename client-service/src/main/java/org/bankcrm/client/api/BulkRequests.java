package org.bankcrm.client.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.bankcrm.client.app.BulkRegistration;

/** Bodies of {@code POST /api/v1/clients:batch}. */
public final class BulkRequests {
    private BulkRequests() {
    }

    /** Each client is validated by the resource, which names the field as {@code clients[i].field}. */
    public record RegisterClients(
            @NotNull @NotEmpty @Size(max = BulkRegistration.MAX_BATCH) List<ClientRequests.RegisterClient> clients) {
    }

    /** The ids in the order of the request. */
    public record Registered(int count, List<UUID> ids) {
    }
}
