package org.bankcrm.console.web;

import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

import org.bankcrm.console.access.Language;
import org.bankcrm.console.access.Role;
import org.bankcrm.console.access.SignedIn;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Finds out, once per request, who is at the screen: a user the bank's identity provider signed in (quarkus-oidc's
 * session, with the access token it obtained), else a development sign-in's token from the session cookie, checked
 * against the development key; and the language (the user's choice, else the browser's).
 */
public class Session {
    static final String SESSION_COOKIE = "crm_console_session";
    static final String LANGUAGE_COOKIE = "crm_console_lang";

    private final Viewer viewer;
    private final DevSignIn devSignIn;
    private final SecurityIdentity identity;

    public Session(Viewer viewer, DevSignIn devSignIn, SecurityIdentity identity) {
        this.viewer = viewer;
        this.devSignIn = devSignIn;
        this.identity = identity;
    }

    /** Before the form token's check (priority USER), so its refusal page is in the viewer's language. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void identify(ContainerRequestContext request) {
        Cookie language = request.getCookies().get(LANGUAGE_COOKIE);
        viewer.language(Language.choose(language == null ? null : language.getValue(),
                request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
        fromIdentityProvider().or(() -> fromDevelopmentCookie(request)).ifPresent(viewer::signedIn);
    }

    private Optional<SignedIn> fromIdentityProvider() {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            return Optional.empty();
        }
        return Optional.of(new SignedIn(identity.getPrincipal().getName(), Role.fromClaims(identity.getRoles()),
                token.getToken(), null));
    }

    private Optional<SignedIn> fromDevelopmentCookie(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        if (cookie == null || devSignIn.tokens().isEmpty()) {
            return Optional.empty();
        }
        return devSignIn.tokens().get().verify(cookie.getValue(), Instant.now());
    }

    /** The session cookie: the browser sends it to the console only, never to a script or another site. */
    static NewCookie sessionCookie(String token, int maxAgeSeconds, boolean secure) {
        return new NewCookie.Builder(SESSION_COOKIE).value(token).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAgeSeconds).build();
    }

    static NewCookie languageCookie(String language, boolean secure) {
        return new NewCookie.Builder(LANGUAGE_COOKIE).value(language).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).maxAge(365 * 24 * 3600).build();
    }
}
