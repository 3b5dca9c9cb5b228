package org.bankcrm.console.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.nio.file.Path;
import java.util.Map;

import org.bankcrm.console.access.DevTokensTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The console's own answers, without the services (they point at a closed port here): sign-in, role menu, 403 and 404
 * pages, the language switch, and a service that does not answer shown as a readable message, never a stack trace.
 */
@QuarkusTest
@TestProfile(ConsolePagesTest.WithDevelopmentKey.class)
class ConsolePagesTest {

    public static class WithDevelopmentKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path key = DevTokensTest.writeKey(java.nio.file.Files.createTempFile("console-test", ".pem"));
                return Map.of("console.dev-sign-in.private-key", key.toString(),
                        "quarkus.rest-client.client-service.url", "http://127.0.0.1:1",
                        "quarkus.rest-client.offer-service.url", "http://127.0.0.1:1",
                        "quarkus.rest-client.interaction-service.url", "http://127.0.0.1:1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String signIn(String... roles) {
        var request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded");
        for (String role : roles) {
            request.formParam("role", role);
        }
        Response answer = request.post("/sign-in/dev");
        answer.then().statusCode(303).header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict"));
        return answer.getCookie(Session.SESSION_COOKIE);
    }

    @Test
    void withoutASessionEveryPageLeadsToTheSignIn() {
        given().redirects().follow(false).get("/clients").then().statusCode(303).header("Location", containsString("/sign-in"));
        given().get("/sign-in").then().statusCode(200).body(containsString("id=\"dev-sign-in\""))
                .body(containsString("<label for=\"role-channel\">"));
    }

    @Test
    void aSignInWithoutARoleIsRefusedWithAMessage() {
        given().contentType("application/x-www-form-urlencoded").formParam("role", "superuser").post("/sign-in/dev")
                .then().statusCode(400).body(containsString("Choose at least one role."));
    }

    @Test
    void aChannelUserGetsTheSearchAndItsMenu() {
        String session = signIn("channel");
        given().cookie(Session.SESSION_COOKIE, session).get("/clients").then().statusCode(200)
                .body(containsString("Find a client")).body(containsString("href=\"/clients\" aria-current=\"page\""))
                .body(not(containsString("CX monitor")));
    }

    @Test
    void anAnalystIsShownThe403PageNamingTheRole() {
        String session = signIn("analyst");
        given().cookie(Session.SESSION_COOKIE, session).get("/clients").then().statusCode(403)
                .body(containsString("Not for your role")).body(containsString("<code>channel</code>"));
        given().cookie(Session.SESSION_COOKIE, session).redirects().follow(false).get("/").then().statusCode(200)
                .body(containsString("href=\"/cx\"")).body(containsString("href=\"/offers\""));
    }

    @Test
    void theCxMonitorIsForAnalystsAndSaysWhenInteractionServiceDoesNotAnswer() {
        for (String role : new String[] { "channel", "marketing" }) {
            given().cookie(Session.SESSION_COOKIE, signIn(role)).get("/cx").then().statusCode(403)
                    .body(containsString("Not for your role")).body(containsString("<code>analyst</code>"));
        }
        given().cookie(Session.SESSION_COOKIE, signIn("analyst")).get("/cx").then().statusCode(502)
                .body(containsString("interaction-service does not answer")).body(not(containsString("at org.")))
                .body(containsString("href=\"/cx\""));
    }

    @Test
    void theOfferCatalogueIsForMarketingAndAnalystsAndSaysWhenOfferServiceDoesNotAnswer() {
        given().cookie(Session.SESSION_COOKIE, signIn("channel")).get("/offers").then().statusCode(403)
                .body(containsString("<code>marketing</code>"));
        for (String role : new String[] { "marketing", "analyst" }) {
            given().cookie(Session.SESSION_COOKIE, signIn(role)).get("/offers").then().statusCode(502)
                    .body(containsString("offer-service does not answer")).body(not(containsString("at org.")));
        }
    }

    @Test
    void theAnalyticalCrmIsForAnalystsAndMarketingAndSaysWhenClientServiceDoesNotAnswer() {
        given().cookie(Session.SESSION_COOKIE, signIn("channel")).get("/analytics").then().statusCode(403)
                .body(containsString("Not for your role")).body(containsString("<code>analyst</code>"));
        for (String role : new String[] { "analyst", "marketing" }) {
            given().cookie(Session.SESSION_COOKIE, signIn(role)).get("/analytics").then().statusCode(502)
                    .body(containsString("client-service does not answer")).body(not(containsString("at org.")))
                    .body(containsString("href=\"/analytics\""));
        }
    }

    @Test
    void aForgedCookieIsNoSession() {
        given().cookie(Session.SESSION_COOKIE, "eyJhbGciOiJub25lIn0.eyJncm91cHMiOlsiYWRtaW4iXX0.").redirects().follow(false)
                .get("/clients").then().statusCode(303);
    }

    @Test
    void theLanguageFollowsTheBrowserAndCanBeSwitched() {
        given().header("Accept-Language", "ru-RU,ru;q=0.9").get("/sign-in").then().statusCode(200)
                .body(containsString("<html lang=\"ru\">")).body(containsString("Вход в банковскую CRM"));
        Response switched = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("lang", "ru").formParam("back", "//evil.example/").post("/language");
        switched.then().statusCode(303).header("Location", not(containsString("evil")));
        given().cookie(Session.LANGUAGE_COOKIE, switched.getCookie(Session.LANGUAGE_COOKIE)).header("Accept-Language", "en")
                .get("/sign-in").then().body(containsString("Вход в банковскую CRM"));
    }

    @Test
    void aServiceThatDoesNotAnswerIsAReadableMessage() {
        String session = signIn("channel");
        given().cookie(Session.SESSION_COOKIE, session).queryParam("q", "Nov").get("/clients").then().statusCode(502)
                .body(containsString("client-service does not answer"))
                .body(containsString("The service does not answer")).body(not(containsString("at org.")));
        given().cookie(Session.SESSION_COOKIE, session).get("/clients/00000000-0000-0000-0000-000000000001").then()
                .statusCode(502).body(containsString("client-service does not answer"));
    }

    @Test
    void anAddressThatIsNothingIsThe404Page() {
        String session = signIn("channel");
        given().cookie(Session.SESSION_COOKIE, session).get("/clients/not-an-id").then().statusCode(404)
                .body(containsString("There is nothing at this address."));
        given().get("/no/such/page").then().statusCode(404).body(containsString("Not found"));
    }

    @Test
    void theAssetsAreServedByTheConsoleItself() {
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        given().get("/console/console.js").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
