package org.bankcrm.interaction.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.interaction.app.JourneyBook;
import org.bankcrm.interaction.app.TouchpointLog;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.Journey;
import org.bankcrm.interaction.domain.JourneyStatus;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.interaction.domain.TouchpointType;
import org.bankcrm.interaction.domain.Valence;
import org.bankcrm.interaction.store.TouchpointRepository.TimelineFilter;
import org.bankcrm.platform.http.Paging;
import org.bankcrm.platform.http.QueryValues;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** A client's touchpoints and journeys. */
@RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
@Path("/api/v1/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Interactions")
public class ClientInteractionsResource {
    private final TouchpointLog log;
    private final JourneyBook journeys;

    public ClientInteractionsResource(TouchpointLog log, JourneyBook journeys) {
        this.log = log;
        this.journeys = journeys;
    }

    /** One page of a timeline: the items, the page asked for, its size and how many match in all. */
    public record TimelinePage(List<InteractionView> items, int page, int size, long total) {
    }

    @GET
    @Path("interactions")
    @Operation(summary = "The client's timeline, newest first, paged, filterable by channel, type, need and valence")
    public Uni<TimelinePage> timeline(@PathParam("clientId") UUID clientId,
            @QueryParam("channel") String channel, @QueryParam("type") String type,
            @QueryParam("need") String need, @QueryParam("valence") String valence,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return log.timeline(new TimelineFilter(clientId,
                QueryValues.enumeration(Channel.class, "channel", channel),
                QueryValues.enumeration(TouchpointType.class, "type", type),
                QueryValues.enumeration(Need.class, "need", need),
                QueryValues.enumeration(Valence.class, "valence", valence)), page, size)
                .map(slice -> new TimelinePage(slice.items().stream().map(InteractionView::of).toList(), page, size,
                        slice.total()));
    }

    /** One page of a client's journeys. */
    public record JourneyPage(List<JourneyView> items, int page, int size, long total) {
    }

    /** A journey: one need across its contacts, and how it ended. */
    public record JourneyView(UUID id, Need need, JourneyStatus status, Instant startedAt, Instant lastContactAt,
            Instant closedAt, int contacts, boolean firstContactResolution, Channel firstChannel,
            Channel resolvedByChannel, TouchpointType resolvedByType, UUID repeatOf) {

        static JourneyView of(Journey j) {
            return new JourneyView(j.id, j.need, j.status, j.startedAt, j.lastContactAt, j.closedAt, j.contacts,
                    j.firstContactResolution, j.firstChannel, j.resolvedByChannel, j.resolvedByType, j.repeatOf);
        }
    }

    @GET
    @Path("journeys")
    @Operation(summary = "The client's journeys (one need across its contacts), the latest begun first, paged, "
            + "filterable by status and need")
    public Uni<JourneyPage> journeys(@PathParam("clientId") UUID clientId,
            @QueryParam("status") String status, @QueryParam("need") String need,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return journeys.ofClient(clientId, QueryValues.enumeration(JourneyStatus.class, "status", status),
                QueryValues.enumeration(Need.class, "need", need), page, size)
                .map(slice -> new JourneyPage(slice.items().stream().map(JourneyView::of).toList(), page, size,
                        slice.total()));
    }
}
