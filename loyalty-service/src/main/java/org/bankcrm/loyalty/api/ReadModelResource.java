package org.bankcrm.loyalty.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.loyalty.app.LoyaltyReports;
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
    private final LoyaltyReports reports;

    public ReadModelResource(LoyaltyReports reports) {
        this.reports = reports;
    }

    public record ClientProfileView(UUID clientId, String type, String ageBand, LocalDate customerSince,
            Instant registeredAt, List<String> segments, String valueQuadrant, List<String> heldProductTypes,
            int productsClosed, int interactions, int openComplaints, int eventsApplied, String lastEventId,
            Instant updatedAt) {
    }

    public record ParkedView(UUID clientId, long parkedEvents) {
    }

    @GET
    @Path("{clientId}")
    @Operation(operationId = "getReadModelClient", summary = "The client as this service knows it from events (404 until crm.client.registered arrives)")
    public Uni<ClientProfileView> get(@PathParam("clientId") UUID clientId) {
        return reports.profile(clientId).map(c -> new ClientProfileView(c.clientId, c.clientType, c.ageBand,
                c.customerSince, c.registeredAt, c.segmentCodes(), c.valueQuadrant, c.heldProducts(), c.productsClosed,
                c.interactions, c.openComplaintsByJourney().size(), c.eventsApplied, c.lastEventId, c.updatedAt));
    }

    @GET
    @Path("{clientId}/parked")
    @Operation(summary = "How many events of the client wait for its registration")
    public Uni<ParkedView> parked(@PathParam("clientId") UUID clientId) {
        return reports.parkedEvents(clientId).map(n -> new ParkedView(clientId, n));
    }
}
