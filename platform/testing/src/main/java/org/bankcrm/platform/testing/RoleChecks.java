package org.bankcrm.platform.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.bankcrm.platform.security.Roles;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Checks one endpoint of a running {@code @QuarkusTest} service against its role matrix, with real signed tokens:
 * each allowed role gets the expected status, every other role a 403 problem naming the allowed roles, a token
 * without roles a 403, and no token, an expired token, a token signed by another key and one from another issuer a
 * 401 problem with a {@code WWW-Authenticate: Bearer} challenge. The test class must not carry {@link CallsAs}
 * (each call here sets its own Authorization header).
 *
 * <pre>RoleChecks.get("/api/v1/clients/{id}", id).allow(Roles.CHANNEL).expect(200).check();</pre>
 */
public final class RoleChecks {
    private final String method;
    private final String path;
    private final Object[] pathParams;
    private Supplier<String> body;
    private final Set<String> allowed = new LinkedHashSet<>();
    private int[] expected = { 200 };
    private boolean encodePath = true;

    private RoleChecks(String method, String path, Object... pathParams) {
        this.method = method;
        this.path = path;
        this.pathParams = pathParams;
    }

    public static RoleChecks get(String path, Object... pathParams) {
        return new RoleChecks("GET", path, pathParams);
    }

    public static RoleChecks post(String path, Object... pathParams) {
        return new RoleChecks("POST", path, pathParams);
    }

    public static RoleChecks put(String path, Object... pathParams) {
        return new RoleChecks("PUT", path, pathParams);
    }

    public static RoleChecks patch(String path, Object... pathParams) {
        return new RoleChecks("PATCH", path, pathParams);
    }

    public static RoleChecks delete(String path, Object... pathParams) {
        return new RoleChecks("DELETE", path, pathParams);
    }

    /** Ops endpoints (health, metrics, the OpenAPI document) answer 200 without a token. */
    public static void open(String... paths) {
        for (String path : paths) {
            assertThat(given().get(path).statusCode()).as(path + " without a token").isEqualTo(200);
        }
    }

    /** A JSON body, made anew for each call (e.g. with a fresh id, when each allowed role's call creates something). */
    public RoleChecks body(Supplier<String> json) {
        this.body = json;
        return this;
    }

    public RoleChecks body(String json) {
        return body(() -> json);
    }

    /** Sends the path as it is written (e.g. the colon of {@code /clients:batch}, which the router does not decode). */
    public RoleChecks unencoded() {
        this.encodePath = false;
        return this;
    }

    public RoleChecks allow(String... roles) {
        allowed.addAll(Arrays.asList(roles));
        return this;
    }

    /** The statuses an allowed role may get (default 200). */
    public RoleChecks expect(int... statuses) {
        this.expected = statuses;
        return this;
    }

    /** Runs every call; fails naming the endpoint and the token that got a wrong answer. */
    public void check() {
        assertThat(allowed).as("allowed roles of " + this).isNotEmpty().isSubsetOf(Roles.ALL);
        List<Integer> expectedStatuses = Arrays.stream(expected).boxed().toList();
        for (String role : Roles.ALL) {
            Response response = call(TestTokens.bearer(role));
            if (allowed.contains(role)) {
                assertThat(response.statusCode()).as(role + " on " + this + ": " + response.asString()).isIn(expectedStatuses);
            } else {
                assertForbidden(response, role);
            }
        }
        assertForbidden(call(TestTokens.bearer()), "a token without roles");
        Response none = call(null);
        assertUnauthorized(none, "no token");
        assertThat(none.header("WWW-Authenticate")).as("challenge without a token on " + this).isEqualTo("Bearer");
        assertInvalidToken(call("Bearer " + TestTokens.expired(allowed.toArray(String[]::new))), "an expired token");
        assertInvalidToken(call("Bearer " + TestTokens.signedByAnotherKey(allowed.toArray(String[]::new))),
                "a token signed by another key");
        assertInvalidToken(call("Bearer " + TestTokens.fromIssuer("https://someone-else.invalid", allowed.toArray(String[]::new))),
                "a token from another issuer");
        assertInvalidToken(call("Bearer " + TestTokens.forAudience("another-application", allowed.toArray(String[]::new))),
                "a token issued for another audience");
        assertInvalidToken(call("Bearer not.a.jwt"), "a malformed token");
    }

    private Response call(String authorization) {
        RequestSpecification request = given().urlEncodingEnabled(encodePath);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.contentType("application/json").body(body.get());
        }
        return request.request(method, path, pathParams);
    }

    private void assertForbidden(Response response, String who) {
        String what = who + " on " + this + ": " + response.asString();
        assertThat(response.statusCode()).as(what).isEqualTo(403);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).as(what).isEqualTo(403);
        assertThat(response.jsonPath().getList("requiredRoles", String.class)).as(what)
                .containsExactlyInAnyOrderElementsOf(allowed);
    }

    private void assertUnauthorized(Response response, String who) {
        String what = who + " on " + this + ": " + response.asString();
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).as(what).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).as(what).startsWith("Bearer");
    }

    private void assertInvalidToken(Response response, String who) {
        assertUnauthorized(response, who);
        assertThat(response.header("WWW-Authenticate")).as(who + " on " + this).contains("error=\"invalid_token\"");
    }

    @Override
    public String toString() {
        List<String> params = new ArrayList<>();
        for (Object p : pathParams) {
            params.add(String.valueOf(p));
        }
        return method + " " + path + (params.isEmpty() ? "" : " " + params);
    }
}
