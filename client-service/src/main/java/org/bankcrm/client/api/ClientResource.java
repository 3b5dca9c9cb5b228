package org.bankcrm.client.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.ClientRegistry;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Clients")
public class ClientResource {
    private final ClientRegistry registry;

    public ClientResource(ClientRegistry registry) {
        this.registry = registry;
    }

    @POST
    @Operation(summary = "Register a client", description = "201 with the client and its Location; 409 when the externalRef is taken.")
    public Uni<RestResponse<ClientView>> register(@Valid @NotNull ClientRequests.RegisterClient request) {
        return registry.register(request.toDomain())
                .map(client -> RestResponse.ResponseBuilder
                        .<ClientView>created(URI.create("/api/v1/clients/" + client.id))
                        .entity(ClientView.of(client, today()))
                        .build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a client")
    public Uni<ClientView> get(@PathParam("id") UUID id) {
        return registry.find(id).map(client -> ClientView.of(client, today()));
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
