package org.bankcrm.client.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.BulkProducts;
import org.bankcrm.client.domain.HeldProduct;
import org.bankcrm.client.domain.ProductType;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/products/batch}: many clients' product openings and closings at once (a core system's daily
 * feed, a migration, a replay), each validated and applied exactly as {@code POST /clients/{id}/products} and
 * {@code DELETE /clients/{id}/products/{productId}} apply it (same rules, same events through the outbox), all or
 * none in one transaction, with segments and value recomputed once per client.
 */
@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products held")
public class ProductsBatchResource {
    /** The most changes one request may carry. */
    public static final int MAX_CHANGES = 1_000;

    private final BulkProducts bulk;
    private final Validator validator;

    public ProductsBatchResource(BulkProducts bulk, Validator validator) {
        this.bulk = bulk;
        this.validator = validator;
    }

    /** A product to open: the single path's fields. */
    public record Open(@NotNull ProductType type, @PastOrPresent LocalDate openedAt,
            @Digits(integer = 14, fraction = 2) BigDecimal balance) {
    }

    /** A product to close: the product and the closing day (today when absent). */
    public record Close(@NotNull UUID productId, LocalDate closedAt) {
    }

    /** One change of one client's portfolio: exactly one of {@code open} and {@code close}. */
    public record ProductChange(@NotNull UUID clientId, @Valid Open open, @Valid Close close) {
        BulkProducts.Change toDomain() {
            return open != null ? new BulkProducts.Opening(open.type(), open.openedAt(), open.balance())
                    : new BulkProducts.Closing(close.productId(), close.closedAt());
        }
    }

    public record ApplyChanges(@NotNull @Size(min = 1, max = MAX_CHANGES) List<ProductChange> changes) {
    }

    /** How many changes were applied, and the product of each (opened: its new id; closed: the one named), in order. */
    public record Applied(int count, List<UUID> products) {
    }

    @RolesAllowed(Roles.INTEGRATION)
    @POST
    @Path("batch")
    @Operation(operationId = "applyProductChanges", summary = "Open and close up to 1,000 products of any clients at once",
            description = "Each change names its client and exactly one of open {type, openedAt, balance} or close {productId, "
                    + "closedAt}. All or none, in one transaction: each change validated (fields named changes[i].<field>) and "
                    + "applied as the single paths apply it, with its crm.client.product-opened or product-closed (and "
                    + "crm.client.left when a client's last product closes); a client's changes in request order, its segments "
                    + "and value recomputed once. A change that breaks a rule (409 one of a kind or already closed, 404 client or "
                    + "product not known, 410 client erased, 400 closing date) fails the batch with its index. 201 with the product of each change.")
    public Uni<RestResponse<Applied>> applyAll(@Valid @NotNull ApplyChanges request) {
        checkEach(request.changes());
        List<BulkProducts.Row> rows = request.changes().stream()
                .map(c -> new BulkProducts.Row(c.clientId(), c.toDomain())).toList();
        return bulk.applyAll(rows).map(products -> RestResponse.status(RestResponse.Status.CREATED,
                new Applied(products.size(), products.stream().map((HeldProduct p) -> p.id).toList())));
    }

    private void checkEach(List<ProductChange> changes) {
        ProblemException problem = null;
        for (int i = 0; i < changes.size(); i++) {
            ProductChange change = changes.get(i);
            String at = "changes[" + i + "]";
            if (change == null) {
                problem = ProblemException.invalidField(problem, at, "must not be null");
                continue;
            }
            var violations = new ArrayList<>(validator.validate(change));
            violations.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
            for (var violation : violations) {
                problem = ProblemException.invalidField(problem, at + "." + violation.getPropertyPath(), violation.getMessage());
            }
            if ((change.open() == null) == (change.close() == null)) {
                problem = ProblemException.invalidField(problem, at, "must hold exactly one of open and close");
            }
        }
        if (problem != null) {
            throw problem;
        }
    }
}
