package org.bankcrm.console.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bankcrm.console.access.DevTokensTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

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

    static final String FORM = "application/x-www-form-urlencoded";
    static final Pattern TOKEN_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** A form's CSRF token and its cookie, as a browser gets them with a page (here the sign-in page). */
    record Csrf(String cookie, String token) {
        static Csrf fromAPage() {
            Response page = given().get("/sign-in");
            page.then().statusCode(200).header("Set-Cookie", containsStringIgnoringCase("HttpOnly"));
            Matcher field = TOKEN_FIELD.matcher(page.asString());
            assertThat(field.find()).as("the sign-in form carries the token").isTrue();
            return new Csrf(page.getCookie("csrf-token"), field.group(1));
        }

        /** A form post as the browser sends it: the token cookie and the form's field. */
        RequestSpecification form() {
            return given().redirects().follow(false).contentType(FORM).cookie("csrf-token", cookie).formParam("csrf-token", token);
        }
    }

    static String signIn(String... roles) {
        var request = Csrf.fromAPage().form();
        for (String role : roles) {
            request.formParam("role", role);
        }
        Response answer = request.post("/sign-in/dev");
        answer.then().statusCode(303);
        assertThat(answer.getHeaders().getValues("Set-Cookie")).filteredOn(c -> c.startsWith(Session.SESSION_COOKIE + "="))
                .singleElement().satisfies(c -> assertThat(c).contains("HttpOnly").contains("SameSite=Strict"));
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
        Csrf.fromAPage().form().formParam("role", "superuser").post("/sign-in/dev")
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
        Response switched = Csrf.fromAPage().form().formParam("lang", "ru").formParam("back", "//evil.example/").post("/language");
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
    void aFormPostedWithoutItsTokenIsRefusedWithAPageAndSignsNobodyIn() {
        // no token and no cookie, as another site's form would post: refused, no session
        Response refused = given().redirects().follow(false).contentType(FORM).formParam("role", "analyst").post("/sign-in/dev");
        refused.then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("The form was not accepted")).body(containsString("Nothing was changed"))
                .body(not(containsString("at org.")));
        assertThat(refused.getCookie(Session.SESSION_COOKIE)).isNull();
        // the cookie without the form's field, and a field that is not the cookie's token
        Csrf csrf = Csrf.fromAPage();
        given().contentType(FORM).cookie("csrf-token", csrf.cookie()).formParam("role", "analyst").post("/sign-in/dev")
                .then().statusCode(403).body(containsString("The form was not accepted"));
        Csrf other = Csrf.fromAPage();
        assertThat(other.token()).isNotEqualTo(csrf.token());
        given().contentType(FORM).cookie("csrf-token", csrf.cookie()).formParam("csrf-token", other.token())
                .formParam("role", "analyst").post("/sign-in/dev").then().statusCode(403);
        // the same form with its token passes
        assertThat(csrf.form().formParam("role", "analyst").post("/sign-in/dev").getStatusCode()).isEqualTo(303);
    }

    @Test
    void aSignedInUsersFormsNeedTheTokenTooAndTheRefusalIsInTheirLanguage() {
        String session = signIn("channel");
        String client = "/clients/00000000-0000-4000-8000-000000000001";
        // presenting an offer without the token: refused before offer-service is asked
        given().cookie(Session.SESSION_COOKIE, session).cookie(Session.LANGUAGE_COOKIE, "ru").contentType(FORM)
                .formParam("channel", "BRANCH").post(client + "/decisions")
                .then().statusCode(403).body(containsString("Форма не принята"));
        given().cookie(Session.SESSION_COOKIE, session).contentType(FORM).post("/sign-out").then().statusCode(403);
        // with it the form reaches offer-service (which does not answer here)
        Csrf.fromAPage().form().cookie(Session.SESSION_COOKIE, session).formParam("channel", "BRANCH").post(client + "/decisions")
                .then().statusCode(502).body(containsString("does not answer")).body(not(containsString("The form was not accepted")));
        // every form of a signed-in page carries it: the header's language and sign-out forms
        given().cookie(Session.SESSION_COOKIE, session).get("/clients").then().statusCode(200)
                .body(containsString("action=\"/sign-out\" class=\"inline\"><input type=\"hidden\" name=\"csrf-token\""));
    }

    @Test
    void theAssetsAreServedByTheConsoleItself() {
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        given().get("/console/console.js").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
