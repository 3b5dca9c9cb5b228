package org.bankcrm.interaction.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.interaction.app.TouchpointLog;
import org.bankcrm.interaction.domain.Channel;
import org.bankcrm.interaction.domain.Need;
import org.bankcrm.interaction.domain.TouchpointType;
import org.bankcrm.interaction.domain.Valence;
import org.bankcrm.interaction.store.TouchpointRepository.TimelineFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** A client's touchpoints and journeys. */
@Path("/api/v1/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Interactions")
public class ClientInteractionsResource {
    private final TouchpointLog log;

    public ClientInteractionsResource(TouchpointLog log) {
        this.log = log;
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
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return log.timeline(new TimelineFilter(clientId,
                QueryValues.enumeration(Channel.class, "channel", channel),
                QueryValues.enumeration(TouchpointType.class, "type", type),
                QueryValues.enumeration(Need.class, "need", need),
                QueryValues.enumeration(Valence.class, "valence", valence)), page, size)
                .map(slice -> new TimelinePage(slice.items().stream().map(InteractionView::of).toList(), page, size,
                        slice.total()));
    }
}
