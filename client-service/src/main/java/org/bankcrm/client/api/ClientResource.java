package org.bankcrm.client.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
    static final String MERGE_PATCH = "application/merge-patch+json";

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
    @Operation(summary = "Read a client", description = "404 when unknown, 410 once erased.")
    public Uni<ClientView> get(@PathParam("id") UUID id) {
        return registry.find(id).map(client -> ClientView.of(client, today()));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a client's details", description = "Same fields and rules as the registration; absent optional fields become empty, an absent customerSince stays.")
    public Uni<ClientView> replace(@PathParam("id") UUID id, @Valid @NotNull ClientRequests.RegisterClient request) {
        return registry.update(id, request::replacing).map(client -> ClientView.of(client, today()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MediaType.APPLICATION_JSON, MERGE_PATCH })
    @Operation(summary = "Change some of a client's details", description = "The fields present replace the current ones; to remove an optional value, use PUT.")
    public Uni<ClientView> patch(@PathParam("id") UUID id, @Valid @NotNull ClientRequests.PatchClient request) {
        return registry.update(id, request::mergeInto).map(client -> ClientView.of(client, today()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Erase a client (right to erasure)", description = "Anonymises the personal data, keeps the pseudonymous id and aggregates; 204, then reads are 410.")
    public Uni<RestResponse<Void>> erase(@PathParam("id") UUID id) {
        return registry.erase(id).map(client -> RestResponse.noContent());
    }

    @GET
    @Path("{id}/consents")
    @Operation(summary = "A client's consents and their history")
    public Uni<ConsentsView> consents(@PathParam("id") UUID id) {
        return registry.find(id).chain(client -> registry.consentHistory(id)
                .map(history -> new ConsentsView(id, ClientRequests.ConsentsBody.of(client.consents),
                        history.stream().map(ConsentsView.Entry::of).toList())));
    }

    @PUT
    @Path("{id}/consents")
    @Operation(summary = "Change consents", description = "The answers given replace the current ones; each change is kept with its time and source.")
    public Uni<ConsentsView> changeConsents(@PathParam("id") UUID id, @Valid @NotNull ClientRequests.ChangeConsents request) {
        return registry.changeConsents(id, request::mergeInto, request.source()).chain(client -> consents(id));
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
