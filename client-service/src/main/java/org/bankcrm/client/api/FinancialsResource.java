package org.bankcrm.client.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.FinancialsLedger;
import org.bankcrm.client.domain.MonthlyFinancials;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/clients/{id}/financials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Monthly financials")
public class FinancialsResource {
    private final FinancialsLedger ledger;

    public FinancialsResource(FinancialsLedger ledger) {
        this.ledger = ledger;
    }

    public record RecordFinancials(@NotNull YearMonth month,
            @NotNull @Digits(integer = 14, fraction = 2) BigDecimal revenue,
            @NotNull @PositiveOrZero @Digits(integer = 14, fraction = 2) BigDecimal costToServe,
            @NotNull @Digits(integer = 14, fraction = 2) BigDecimal averageBalance,
            @NotNull @Min(0) Integer transactionCount,
            @NotNull @PositiveOrZero @Digits(integer = 14, fraction = 2) BigDecimal transactionAmount) {

        MonthlyFinancials toDomain() {
            MonthlyFinancials f = new MonthlyFinancials();
            f.month = month.atDay(1);
            f.revenue = revenue;
            f.costToServe = costToServe;
            f.averageBalance = averageBalance;
            f.transactionCount = transactionCount;
            f.transactionAmount = transactionAmount;
            return f;
        }
    }

    public record FinancialsView(YearMonth month, BigDecimal revenue, BigDecimal costToServe, BigDecimal averageBalance,
            int transactionCount, BigDecimal transactionAmount, Instant recordedAt, Boolean replaced) {
        static FinancialsView of(MonthlyFinancials f, Boolean replaced) {
            return new FinancialsView(f.yearMonth(), f.revenue, f.costToServe, f.averageBalance, f.transactionCount,
                    f.transactionAmount, f.recordedAt, replaced);
        }
    }

    @RolesAllowed(Roles.INTEGRATION)
    @POST
    @Operation(summary = "Record a month's financials", description = "Idempotent per client and month: 201 the first time, 200 with replaced=true when it replaces the month's earlier figures.")
    public Uni<RestResponse<FinancialsView>> record(@PathParam("id") UUID id, @Valid @NotNull RecordFinancials request) {
        MonthlyFinancials.monthProblem(request.month()).ifPresent(problem -> {
            throw ProblemException.invalidField("month", problem);
        });
        return ledger.record(id, request.toDomain()).map(recorded -> {
            FinancialsView view = FinancialsView.of(recorded.financials(), recorded.replaced());
            return recorded.replaced() ? RestResponse.ok(view)
                    : RestResponse.ResponseBuilder.<FinancialsView>created(
                            URI.create("/api/v1/clients/" + id + "/financials/" + request.month())).entity(view).build();
        });
    }

    @RolesAllowed({ Roles.CHANNEL, Roles.ANALYST })
    @GET
    @Operation(operationId = "listFinancials", summary = "Every month recorded for the client, oldest first")
    public Uni<List<FinancialsView>> list(@PathParam("id") UUID id) {
        return ledger.of(id).map(months -> months.stream().map(f -> FinancialsView.of(f, null)).toList());
    }
}
