package org.bankcrm.client.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bankcrm.client.domain.AccessRecord;
import org.bankcrm.client.store.AccessAuditLog;
import org.bankcrm.platform.http.Paging;
import org.bankcrm.platform.http.QueryValues;
import org.bankcrm.platform.problem.ProblemException;
import org.bankcrm.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** The audit trail: who read or changed a client, when, through which endpoint, with what outcome. */
@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {
    private final AccessAuditLog log;

    public AuditResource(AccessAuditLog log) {
        this.log = log;
    }

    public record Entry(Instant at, UUID clientId, String principal, List<String> roles, String method, String route,
            int status, String requestId) {
        static Entry of(AccessRecord r) {
            return new Entry(r.occurredAt(), r.clientId(), r.principal(), r.roles(), r.method(), r.route(), r.status(),
                    r.requestId());
        }
    }

    public record Page(List<Entry> items, int page, int size, long total) {
    }

    @GET
    @Operation(summary = "The audit trail, newest first", description = "Entries of one client (clientId) or of all, "
            + "in [from, to) (ISO-8601 instants; default: all time); written within crm.client.audit.flush-interval of the request.")
    public Uni<Page> find(@QueryParam("clientId") String clientId, @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        UUID client = clientId == null || clientId.isBlank() ? null : uuid(clientId);
        Instant start = from == null || from.isBlank() ? Instant.EPOCH : QueryValues.instant("from", from);
        Instant end = to == null || to.isBlank() ? Instant.parse("9999-12-31T00:00:00Z") : QueryValues.instant("to", to);
        if (!end.isAfter(start)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        return log.find(client, start, end, page, size)
                .map(found -> new Page(found.items().stream().map(Entry::of).toList(), page, size, found.total()));
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("clientId", "must be a UUID");
        }
    }
}
