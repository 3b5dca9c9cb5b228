package org.bankcrm.console.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.bankcrm.console.access.Role;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;

/**
 * Signing in and out. In production the bank's identity provider signs the user in (quarkus-oidc, authorization-code
 * flow, {@code /sign-in/oidc}); on a local CRM the development sign-in mints a token for the chosen roles with the
 * launcher's key. The development sign-in exists only when the launcher passed that key.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {
    private final Viewer viewer;
    private final Pages pages;
    private final DevSignIn devSignIn;
    private final Template signIn;
    private final boolean oidc;
    private final Duration sessionLifetime;

    public SignInResource(Viewer viewer, Pages pages, DevSignIn devSignIn, @Location("sign-in.html") Template signIn,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidc,
            @ConfigProperty(name = "console.dev-sign-in.session-lifetime", defaultValue = "8h") Duration sessionLifetime) {
        this.viewer = viewer;
        this.pages = pages;
        this.devSignIn = devSignIn;
        this.signIn = signIn;
        this.oidc = oidc;
        this.sessionLifetime = sessionLifetime;
    }

    @GET
    @Path("sign-in")
    public Response page(@QueryParam("expired") boolean expired) {
        return Response.ok(form(expired, false)).build();
    }

    @POST
    @Path("sign-in/dev")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response devSignIn(@FormParam("role") List<String> roles, @Context UriInfo uri) {
        if (devSignIn.tokens().isEmpty()) {
            return pages.status(404, form(false, false));
        }
        Set<Role> chosen = Role.fromClaims(roles == null ? List.of() : roles);
        if (chosen.isEmpty()) {
            return pages.status(400, form(false, true));
        }
        String token = devSignIn.tokens().get().mint(chosen, Instant.now(), sessionLifetime);
        return Response.seeOther(URI.create("/"))
                .cookie(Session.sessionCookie(token, (int) sessionLifetime.toSeconds(), secure(uri))).build();
    }

    /** quarkus-oidc sends an anonymous user to the identity provider and back here; then on to the start page. */
    @GET
    @Path("sign-in/oidc")
    @Authenticated
    public Response oidcSignIn() {
        return Response.seeOther(URI.create("/")).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@Context UriInfo uri) {
        return Response.seeOther(URI.create("/sign-in")).cookie(Session.sessionCookie("", 0, secure(uri))).build();
    }

    private io.quarkus.qute.TemplateInstance form(boolean expired, boolean noRole) {
        return pages.page(signIn, "/sign-in").data("oidc", oidc).data("expired", expired).data("noRole", noRole)
                .data("roles", pages.roleOptions());
    }

    static boolean secure(UriInfo uri) {
        return "https".equals(uri.getRequestUri().getScheme());
    }
}
