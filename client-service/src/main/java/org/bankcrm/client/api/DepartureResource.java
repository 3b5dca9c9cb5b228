package org.bankcrm.client.api;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.ClientDepartures;
import org.bankcrm.client.app.ClientRegistry;
import org.bankcrm.client.domain.Client;
import org.bankcrm.client.domain.DepartureReason;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/clients/{id}/departure")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Departure")
public class DepartureResource {
    private final ClientDepartures departures;
    private final ClientRegistry registry;

    public DepartureResource(ClientDepartures departures, ClientRegistry registry) {
        this.departures = departures;
        this.registry = registry;
    }

    /** {@code leftAt}: an ISO instant or date (its start, UTC); {@code reason}: the reporting system's code. */
    public record ReportDeparture(@Size(max = 40) String leftAt,
            @Size(max = 64) @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "must be an upper-case code, e.g. MOVED_ABROAD") String reason) {
    }

    public record DepartureView(UUID clientId, Instant leftAt, DepartureReason reason, String reportedReason) {
        static DepartureView of(Client c) {
            return new DepartureView(c.id, c.leftAt, c.leftReason, c.leftReportedReason);
        }
    }

    @RolesAllowed(Roles.INTEGRATION)
    @POST
    @Operation(summary = "Report that the client has left the bank", description = "201 with the departure and crm.client.left (reason REPORTED) "
            + "the first time; 200 with the departure as it stands when the client had already left (also after their last product closed), "
            + "nothing published again. 400 leftAt in the future or before customerSince; 404 unknown, 410 erased.")
    public Uni<RestResponse<DepartureView>> report(@PathParam("id") UUID id, @Valid ReportDeparture request) {
        Instant leftAt = request == null ? null : instant("leftAt", request.leftAt());
        return departures.report(id, leftAt, request == null ? null : request.reason()).map(departure -> departure.recorded()
                ? RestResponse.ResponseBuilder.<DepartureView>created(URI.create("/api/v1/clients/" + id + "/departure"))
                        .entity(DepartureView.of(departure.client())).build()
                : RestResponse.ok(DepartureView.of(departure.client())));
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST, Roles.INTEGRATION })
    @GET
    @Operation(operationId = "getDeparture", summary = "The client's departure", description = "404 when the client has not left (or returned since), or is unknown; 410 erased.")
    public Uni<DepartureView> get(@PathParam("id") UUID id) {
        return registry.find(id).map(client -> {
            if (!client.hasLeft()) {
                throw new ProblemException(404, "Not Found", "Client " + id + " has not left");
            }
            return DepartureView.of(client);
        });
    }

    /** An ISO-8601 instant, or a date taken at its start in UTC; absent is null. */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.contains("T") ? Instant.parse(value.trim()) : LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO instant or date, e.g. 2026-11-27T10:15:00Z or 2026-11-27");
        }
    }
}
