package org.bankcrm.client.api;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.app.BulkFinancials;
import org.bankcrm.client.domain.MonthlyFinancials;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/financials/batch}: many clients' months at once (a core system's monthly feed, a
 * migration, a replay), with each month validated and recorded exactly as {@code POST /clients/{id}/financials}
 * records it (same events through the outbox), all or none in one transaction.
 */
// not /clients/financials:batch: RESTEasy Reactive routes that to ClientResource's clients/{id} (405)
@Path("/api/v1/financials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Monthly financials")
public class FinancialsBatchResource {
    /** The most months one request may carry. */
    public static final int MAX_MONTHS = 1_000;

    private final BulkFinancials bulk;
    private final Validator validator;

    public FinancialsBatchResource(BulkFinancials bulk, Validator validator) {
        this.bulk = bulk;
        this.validator = validator;
    }

    /** One client's month: the single path's fields and the client. */
    public record ClientMonth(@NotNull UUID clientId, @NotNull YearMonth month,
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

    public record RecordMonths(@NotNull @Size(min = 1, max = MAX_MONTHS) List<ClientMonth> months) {
    }

    /** How many months were recorded, and how many of them replaced earlier figures. */
    public record Recorded(int count, int replaced) {
    }

    @RolesAllowed(Roles.INTEGRATION)
    @POST
    @Path("batch")
    @Operation(summary = "Record up to 1,000 months of financials of any clients at once",
            description = "All or none, in one transaction, each month validated (fields named months[i].<field>) and recorded as "
                    + "POST /clients/{id}/financials records it, with its crm.client.financials-recorded; an unknown client is a 404 "
                    + "naming the index. 201 with the count recorded and how many replaced a month's earlier figures.")
    public Uni<RestResponse<Recorded>> recordAll(@Valid @NotNull RecordMonths request) {
        checkEach(request.months());
        List<BulkFinancials.Month> months = request.months().stream()
                .map(m -> new BulkFinancials.Month(m.clientId(), m.toDomain())).toList();
        return bulk.recordAll(months).map(replaced -> RestResponse.status(RestResponse.Status.CREATED,
                new Recorded(months.size(), replaced)));
    }

    private void checkEach(List<ClientMonth> months) {
        ProblemException problem = null;
        for (int i = 0; i < months.size(); i++) {
            ClientMonth m = months.get(i);
            if (m == null) {
                problem = ProblemException.invalidField(problem, "months[" + i + "]", "must not be null");
                continue;
            }
            var violations = new ArrayList<>(validator.validate(m));
            violations.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
            for (var violation : violations) {
                problem = ProblemException.invalidField(problem, "months[" + i + "]." + violation.getPropertyPath(), violation.getMessage());
            }
            String at = "months[" + i + "].month";
            var monthProblem = MonthlyFinancials.monthProblem(m.month());
            if (monthProblem.isPresent()) {
                problem = ProblemException.invalidField(problem, at, monthProblem.get());
            } else if (m.month() != null && m.month().isAfter(YearMonth.now(java.time.ZoneOffset.UTC))) {
                problem = ProblemException.invalidField(problem, at, "must not be a future month");
            }
        }
        if (problem != null) {
            throw problem;
        }
    }
}
