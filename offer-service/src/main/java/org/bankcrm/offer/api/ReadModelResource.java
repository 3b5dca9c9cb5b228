package org.bankcrm.offer.api;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.offer.app.ClientDirectory;
import org.bankcrm.offer.domain.Demographics;
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

    public record ConsentsView(boolean marketingEmail, boolean marketingSms, boolean marketingPush,
            boolean marketingPhone, boolean profiling) {
    }

    public record ExperienceView(String channel, String type, String valence, String cause, Instant occurredAt) {
    }

    public record ClientProfileView(UUID clientId, String type, String ageBand, String incomeBracket, ConsentsView consents,
            Set<String> heldProducts, Set<String> segments, String quadrant, String strategy, String loyaltyType,
            Double behavioural, Double perceived, Double churnRisk, int openComplaints, Instant lastNegativeBankCausedAt,
            ExperienceView latestExperience, Instant registeredAt, int eventsApplied, String lastEventId, Instant updatedAt,
            Set<String> statedNeeds, Instant needsStatedAt, Demographics profile) {
    }

    @GET
    @Path("{clientId}")
    @Operation(operationId = "getReadModelClient", summary = "The client as this service knows it from events (404 until they arrive)")
    public Uni<ClientProfileView> get(@PathParam("clientId") UUID clientId) {
        return directory.find(clientId).map(c -> new ClientProfileView(c.clientId, c.clientType, c.ageBand, c.incomeBracket,
                new ConsentsView(c.consents.email, c.consents.sms, c.consents.push, c.consents.phone, c.consents.profiling),
                c.heldProductSet(), c.segmentSet(), c.quadrant, c.strategy, c.loyaltyType, c.behavioural, c.perceived,
                c.churnRisk, c.openComplaintSet().size(), c.lastNegativeBankCausedAt,
                c.lastExperienceAt == null ? null
                        : new ExperienceView(c.lastChannel, c.lastType, c.lastValence, c.lastCause, c.lastExperienceAt),
                c.registeredAt, c.eventsApplied, c.lastEventId, c.updatedAt,
                c.statedNeedSet(), c.needsStatedAt, c.demographics()));
    }
}
