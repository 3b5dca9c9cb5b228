package org.bankcrm.client.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.ClientValuation;
import org.bankcrm.client.domain.ValueQuadrant;
import org.bankcrm.client.domain.ValueStrategy;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/clients/{id}/value")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Value")
public class ValueResource {
    private final ClientValuation valuation;

    public ValueResource(ClientValuation valuation) {
        this.valuation = valuation;
    }

    public record ValueView(UUID clientId, BigDecimal profitability, double potential, Map<String, Double> potentialComponents,
            ValueQuadrant quadrant, ValueStrategy strategy, List<String> reasons, int monthsOfFinancials) {
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
    @GET
    @Operation(summary = "The client's value", description = "Profitability over the trailing months, potential (0-100) and its components (0-1), quadrant, strategy and the reasons.")
    public Uni<ValueView> value(@PathParam("id") UUID id) {
        return valuation.valueOf(id).map(v -> new ValueView(id, v.profitability(), v.potential(), v.potentialComponents(),
                v.quadrant(), v.strategy(), v.reasons(), v.monthsOfFinancials()));
    }
}
