package org.bankcrm.client.api;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.bankcrm.client.app.AccessAudit;
import org.bankcrm.client.domain.AccessRecord;
import org.bankcrm.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Writes the audit trail for every request on a client ({@code /api/v1/clients/{id}} and below: profile,
 * products, financials, consents, value, erasure), for registrations (single and batch, one entry per
 * created client) and for searches (one entry per client listed): the caller's principal and roles, the method and
 * route template, the status and a request id ({@code X-Request-Id}, taken from the request when it is a plain token,
 * else generated, and echoed on the response). In one place, so that no resource method has to remember it. The
 * entries are committed before the answer leaves; a read whose entries the database refused is answered 503 instead
 * of with the client's data.
 */
public class AccessAuditFilter {
    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String CLIENTS = "/api/v1/clients";

    private final AccessAudit audit;
    private final CurrentIdentityAssociation identity;

    public AccessAuditFilter(AccessAudit audit, CurrentIdentityAssociation identity) {
        this.audit = audit;
        this.identity = identity;
    }

    /**
     * Authentication is lazy (so that a refused token is answered as problem+json by the REST layer): the caller is
     * resolved here without blocking the I/O thread; a token that did not verify is recorded as {@code unauthenticated}.
     */
    @ServerResponseFilter
    public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        String route = route(resource);
        String method = request.getMethod();
        if (route == null || !audited(method, route)) {
            return Uni.createFrom().voidItem();
        }
        String requestId = request.getHeaderString(REQUEST_ID);
        if (requestId == null || !PLAIN_TOKEN.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        response.getHeaders().putSingle(REQUEST_ID, requestId);

        String id = requestId;
        return identity.getDeferredIdentity()
                .onItem().transform(caller -> caller.isAnonymous() ? new Caller("anonymous", List.of())
                        : new Caller(caller.getPrincipal().getName(), caller.getRoles().stream().sorted().toList()))
                .onFailure().recoverWithItem(new Caller("unauthenticated", List.of()))
                .chain(caller -> {
                    Instant now = Instant.now();
                    List<AccessRecord> records = new ArrayList<>();
                    for (UUID clientId : clientIds(request, response, route)) {
                        records.add(new AccessRecord(now, clientId, caller.principal(), caller.roles(), method, route,
                                response.getStatus(), id));
                    }
                    return audit.record(records);
                })
                .invoke(written -> {
                    if (!written && "GET".equals(method) && response.getStatus() < 300) {
                        withhold(response);
                    }
                })
                .replaceWithVoid();
    }

    /** No durable trail, no data: the read is answered 503 and the caller may try again. */
    private static void withhold(ContainerResponseContext response) {
        Problem problem = new Problem(URI.create("about:blank"), "Service Unavailable", 503,
                "The access audit could not be written; the client's data is withheld. Try again shortly.", null, null, null);
        response.setStatus(503);
        response.getHeaders().putSingle("Retry-After", "5");
        response.getHeaders().putSingle("Content-Type", Problem.MEDIA_TYPE);
        response.setEntity(problem);
    }

    private record Caller(String principal, List<String> roles) {
    }

    static boolean audited(String method, String route) {
        return route.startsWith(CLIENTS + "/{id}") || route.equals(CLIENTS + ":batch") || route.equals(CLIENTS);
    }

    /** The clients a request concerns; a list with one null when a registration created none or a search listed none. */
    private static List<UUID> clientIds(ContainerRequestContext request, ContainerResponseContext response, String route) {
        if (route.startsWith(CLIENTS + "/{id}")) {
            return nullable(uuid(request.getUriInfo().getPathParameters().getFirst("id")));
        }
        if (response.getEntity() instanceof BulkRequests.Registered registered && !registered.ids().isEmpty()) {
            return registered.ids();
        }
        if (response.getEntity() instanceof ClientSummary.Page found && !found.items().isEmpty()) {
            return found.items().stream().map(ClientSummary::id).toList();
        }
        Object location = response.getHeaders().getFirst("Location");
        if (location != null) {
            String path = location instanceof URI uri ? uri.getPath() : location.toString();
            return nullable(uuid(path.substring(path.lastIndexOf('/') + 1)));
        }
        return nullable(null);
    }

    private static List<UUID> nullable(UUID id) {
        List<UUID> one = new ArrayList<>(1);
        one.add(id);
        return one;
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The route template of the matched resource method, e.g. {@code /api/v1/clients/{id}/products/{productId}}. */
    static String route(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null || resource.getResourceClass() == null) {
            return null;
        }
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        StringBuilder route = new StringBuilder();
        append(route, type.getAnnotation(Path.class));
        append(route, method.getAnnotation(Path.class));
        return route.isEmpty() ? "/" : route.toString();
    }

    private static void append(StringBuilder route, Path path) {
        if (path == null) {
            return;
        }
        String value = path.value();
        while (value.startsWith("/")) {
            value = value.substring(1);
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        if (!value.isEmpty()) {
            route.append('/').append(value);
        }
    }
}
