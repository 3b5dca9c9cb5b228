package org.bankcrm.interaction.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.interaction.app.ClientDirectory;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** What this service learnt of a client from events: for support, and to see how far the events got. */
@RolesAllowed({ Roles.CHANNEL, Roles.ANALYST, Roles.ADMIN })
@Path("/api/v1/read-model/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Read model")
public class ReadModelResource {
    private final ClientDirectory directory;

    public ReadModelResource(ClientDirectory directory) {
        this.directory = directory;
    }

    public record KnownClientView(UUID clientId, String type, Instant registeredAt, List<String> segments,
            int eventsApplied, String lastEventId, Instant updatedAt) {
    }

    @GET
    @Path("{clientId}")
    @Operation(operationId = "getReadModelClient", summary = "The client as this service knows it from client-service's events (404 until they arrive, "
            + "and once the client is erased)")
    public Uni<KnownClientView> get(@PathParam("clientId") UUID clientId) {
        return directory.find(clientId).chain(c -> directory.segments(clientId).map(segments -> new KnownClientView(
                c.clientId, c.clientType, c.registeredAt, segments, c.eventsApplied, c.lastEventId, c.updatedAt)));
    }
}
