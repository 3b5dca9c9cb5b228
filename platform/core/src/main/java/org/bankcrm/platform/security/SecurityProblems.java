package org.bankcrm.platform.security;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.bankcrm.platform.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Authentication and authorization failures as RFC 9457 problems: no token is a 401, a token that does not
 * verify (expired, wrongly signed, another issuer, malformed) a 401 with {@code error="invalid_token"}
 * (RFC 6750), both with a {@code WWW-Authenticate: Bearer} challenge; a valid token without a role the
 * endpoint allows is a 403 naming the roles it needs. Authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}) so these failures reach the REST layer and its mappers.
 */
public class SecurityProblems {
    private static final Logger LOG = Logger.getLogger(SecurityProblems.class);

    @ServerExceptionMapper
    public RestResponse<Problem> unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        boolean presented = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        return respond(401, "Unauthorized", presented
                ? "The Authorization header does not carry a bearer token"
                : "This endpoint needs a bearer token: Authorization: Bearer <JWT>", uri, Map.of(), "Bearer");
    }

    @ServerExceptionMapper
    public RestResponse<Problem> authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        // why it failed stays in the log (debug): the caller learns only that the token is not accepted
        LOG.debugf(e, "bearer token rejected on %s", uri == null ? "?" : uri.getPath());
        return respond(401, "Unauthorized",
                "The bearer token is not valid: expired, not signed by the trusted key, from another issuer or malformed",
                uri, Map.of(), "Bearer error=\"invalid_token\"");
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        List<String> roles = requiredRoles(resource);
        return respond(403, "Forbidden", roles.isEmpty()
                ? "The token's roles do not allow this endpoint"
                : "This endpoint needs one of the roles " + String.join(", ", roles), uri,
                roles.isEmpty() ? Map.of() : Map.of("requiredRoles", roles), null);
    }

    static List<String> requiredRoles(ResourceInfo resource) {
        if (resource == null) {
            return List.of();
        }
        Method method = resource.getResourceMethod();
        RolesAllowed allowed = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (allowed == null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? List.of() : List.of(allowed.value());
    }

    private static RestResponse<Problem> respond(int status, String title, String detail, UriInfo uri,
            Map<String, Object> extensions, String challenge) {
        RestResponse.ResponseBuilder<Problem> response = RestResponse.ResponseBuilder.<Problem>create(status)
                .entity(new Problem(null, title, status, detail, uri == null ? null : Problem.instanceOf(uri.getPath()), null, extensions))
                .type(Problem.MEDIA_TYPE);
        if (challenge != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return response.build();
    }
}
