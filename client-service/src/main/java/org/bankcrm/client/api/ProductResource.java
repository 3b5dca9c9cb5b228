package org.bankcrm.client.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.ProductPortfolio;
import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.platform.http.QueryValues;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/clients/{id}/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products held")
public class ProductResource {
    private final ProductPortfolio portfolio;

    public ProductResource(ProductPortfolio portfolio) {
        this.portfolio = portfolio;
    }

    public record OpenProduct(@NotNull ProductType type, @PastOrPresent LocalDate openedAt,
            @Digits(integer = 14, fraction = 2) BigDecimal balance) {
    }

    public record ProductView(UUID id, ProductType type, LocalDate openedAt, LocalDate closedAt, BigDecimal balance,
            boolean open, Instant updatedAt) {
        static ProductView of(HeldProduct p) {
            return new ProductView(p.id, p.type, p.openedAt, p.closedAt, p.balance, p.isOpen(), p.updatedAt);
        }
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.INTEGRATION })
    @POST
    @Operation(summary = "Open a product for the client", description = "201; 409 with existingId when the type may be held only once and one is open.")
    public Uni<RestResponse<ProductView>> open(@PathParam("id") UUID id, @Valid @NotNull OpenProduct request) {
        return portfolio.open(id, request.type(), request.openedAt(), request.balance())
                .map(p -> RestResponse.ResponseBuilder.<ProductView>created(URI.create("/api/v1/clients/" + id + "/products/" + p.id))
                        .entity(ProductView.of(p)).build());
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
    @GET
    @Operation(operationId = "listProducts", summary = "Every product of the client, open and closed, oldest first")
    public Uni<List<ProductView>> list(@PathParam("id") UUID id) {
        return portfolio.of(id).map(products -> products.stream().map(ProductView::of).toList());
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.INTEGRATION })
    @DELETE
    @Path("{productId}")
    @Operation(summary = "Close a product", description = "closedAt (ISO date, default today) must not precede the opening nor be in the future; the product stays in the history. 409 when already closed.")
    public Uni<ProductView> close(@PathParam("id") UUID id, @PathParam("productId") UUID productId,
            @QueryParam("closedAt") String closedAt) {
        return portfolio.close(id, productId, date("closedAt", closedAt)).map(ProductView::of);
    }

    static LocalDate date(String parameter, String value) {
        return QueryValues.date(parameter, value);
    }
}
